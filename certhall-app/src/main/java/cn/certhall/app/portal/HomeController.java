package cn.certhall.app.portal;

import cn.certhall.domain.channel.Channel;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal home ({@code /?channelId=…}): the manual's entries for the channel the applicant came
 * from. Without a channel, or with one the CA does not know, the {@link ChannelPage}.
 */
@Controller
public class HomeController {
  static final String DEMO_CHANNEL = "demo";

  private final ChannelPage channelPage;
  private final PortalEntries entries;

  public HomeController(ChannelPage channelPage, PortalEntries entries) {
    this.channelPage = channelPage;
    this.entries = entries;
  }

  @GetMapping("/")
  public String home(
      @RequestParam(required = false) String channelId, Model model, HttpServletResponse response) {
    Optional<Channel> channel = channelPage.open(channelId);
    if (channel.isEmpty()) {
      return channelPage.show(channelId, model, response);
    }
    model.addAttribute("channel", channel.get());
    model.addAttribute("channelId", channel.get().id());
    model.addAttribute("entries", entries.shown());
    return "portal/home";
  }
}
