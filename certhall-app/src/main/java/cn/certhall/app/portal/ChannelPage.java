package cn.certhall.app.portal;

import cn.certhall.app.CerthallProperties;
import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The one page for a portal entry ({@code /}, {@code /renewal}, {@code /change}, {@code
 * /revocation}) opened without a usable channel: every flow starts from a channel platform's link,
 * which names the channel. Opened with no channel at all (the bare address a person types) it is an
 * explanation, not an error; an unknown or paused channel is 404.
 */
@Component
public class ChannelPage {
  private final ChannelDirectory channels;
  private final CerthallProperties properties;

  public ChannelPage(ChannelDirectory channels, CerthallProperties properties) {
    this.channels = channels;
    this.properties = properties;
  }

  /** The channel a link names, when it exists and takes new business. */
  public Optional<Channel> open(String channelId) {
    return channelId == null || channelId.isBlank()
        ? Optional.empty()
        : channels.find(channelId.strip()).filter(Channel::enabled);
  }

  /** Fills the model for the page and sets its status; returns the view. */
  public String show(String channelId, Model model, HttpServletResponse response) {
    boolean missing = channelId == null || channelId.isBlank();
    Optional<Channel> known = missing ? Optional.empty() : channels.find(channelId.strip());
    if (!missing) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    model.addAttribute("problem", missing ? "missing" : known.isPresent() ? "disabled" : "unknown");
    // the demo channel's link helps a person who opened the bare address of the default run
    model.addAttribute(
        "demoChannel",
        !properties.production() && open(HomeController.DEMO_CHANNEL).isPresent()
            ? HomeController.DEMO_CHANNEL
            : null);
    return "portal/channel-problem";
  }
}
