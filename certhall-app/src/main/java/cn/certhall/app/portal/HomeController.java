package cn.certhall.app.portal;

import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal home ({@code /?channelId=…}): the manual's entries for the channel the applicant
 * came from. Without a channel, or with one the CA does not know, it says so instead.
 */
@Controller
public class HomeController {
  static final String DEMO_CHANNEL = "demo";

  private final ChannelDirectory channels;
  private final PortalEntries entries;

  public HomeController(ChannelDirectory channels, PortalEntries entries) {
    this.channels = channels;
    this.entries = entries;
  }

  @GetMapping("/")
  public String home(
      @RequestParam(required = false) String channelId, Model model, HttpServletResponse response) {
    Optional<Channel> channel = channelId == null ? Optional.empty() : channels.find(channelId.strip());
    if (channel.isEmpty() || !channel.get().enabled()) {
      return channelProblem(channelId, channel, model, response);
    }
    model.addAttribute("channel", channel.get());
    model.addAttribute("channelId", channel.get().id());
    model.addAttribute("entries", entries.shown());
    return "portal/home";
  }

  private String channelProblem(
      String channelId, Optional<Channel> channel, Model model, HttpServletResponse response) {
    boolean missing = channelId == null || channelId.isBlank();
    response.setStatus(missing ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute(
        "problem", missing ? "missing" : channel.isPresent() ? "disabled" : "unknown");
    // the demo channel's link helps a person who opened the bare address of the default run
    model.addAttribute(
        "demoChannel", channels.find(DEMO_CHANNEL).filter(Channel::enabled).isPresent() ? DEMO_CHANNEL : null);
    return "portal/channel-problem";
  }
}
