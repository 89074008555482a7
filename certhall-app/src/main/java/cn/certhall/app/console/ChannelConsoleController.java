package cn.certhall.app.console;

import cn.certhall.app.channel.ChannelAdministration;
import cn.certhall.app.channel.DeliveryLog;
import cn.certhall.app.channel.WebhookAddressPolicy;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Delivery;
import cn.certhall.app.persistence.ChannelRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Channel sync for CA administrators ({@code /console/admin/}): each channel's webhook URL, a new
 * shared secret and a new API key (each shown once, on the page right after it is made, then never
 * again: only its encryption or hash is stored), and the webhook delivery log with every attempt
 * and a replay button. Translates HTTP to {@link ChannelAdministration} and {@link DeliveryLog}.
 */
@Controller
public class ChannelConsoleController {
  static final int LOG_SIZE = 100;

  private final ChannelRepository channels;
  private final ChannelAdministration administration;
  private final DeliveryLog log;

  public ChannelConsoleController(
      ChannelRepository channels, ChannelAdministration administration, DeliveryLog log) {
    this.channels = channels;
    this.administration = administration;
    this.log = log;
  }

  @GetMapping("/console/admin/channels")
  public String channels(Model model) {
    model.addAttribute("channels", channels.settings());
    return "console/channels";
  }

  @PostMapping("/console/admin/channels/{id}/webhook")
  public String webhookUrl(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String url,
      RedirectAttributes flash) {
    try {
      Optional<String> secret = administration.changeWebhookUrl(id, url.strip());
      flash.addFlashAttribute("message", "console.channels.urlSaved");
      secret.ifPresent(s -> shownOnce(flash, id, "console.channels.secretOnce", s));
    } catch (WebhookAddressPolicy.Refused e) {
      flash.addFlashAttribute(
          "message",
          e.unresolved() ? "console.channels.unresolvedUrl" : "console.channels.privateUrl");
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("message", "console.channels.badUrl");
    }
    return "redirect:/console/admin/channels";
  }

  @PostMapping("/console/admin/channels/{id}/secret")
  public String newSecret(@PathVariable String id, RedirectAttributes flash) {
    try {
      shownOnce(flash, id, "console.channels.secretOnce", administration.newWebhookSecret(id));
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("message", "console.channels.noUrl");
    }
    return "redirect:/console/admin/channels";
  }

  @PostMapping("/console/admin/channels/{id}/api-key")
  public String newApiKey(@PathVariable String id, RedirectAttributes flash) {
    try {
      shownOnce(flash, id, "console.channels.keyOnce", administration.newApiKey(id));
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("message", "console.channels.unknown");
    }
    return "redirect:/console/admin/channels";
  }

  /** A delivery with its attempts, first first. */
  public record LoggedDelivery(Delivery delivery, List<Attempt> attempts) {}

  @GetMapping("/console/admin/deliveries")
  public String deliveries(
      @RequestParam(required = false) String channel,
      @RequestParam(defaultValue = "false") boolean pending,
      Model model) {
    String channelId = channel == null || channel.isBlank() ? null : channel;
    model.addAttribute(
        "deliveries",
        log.deliveries(channelId, pending, LOG_SIZE).stream()
            .map(d -> new LoggedDelivery(d, log.attempts(d.id())))
            .toList());
    model.addAttribute("channels", channels.settings());
    model.addAttribute("channel", channelId);
    model.addAttribute("pending", pending);
    return "console/deliveries";
  }

  @PostMapping("/console/admin/deliveries/{id}/replay")
  public String replay(@PathVariable long id, RedirectAttributes flash) {
    flash.addFlashAttribute(
        "message", log.replay(id) ? "console.deliveries.replayed" : "console.deliveries.unknown");
    flash.addFlashAttribute("replayedId", id);
    return "redirect:/console/admin/deliveries";
  }

  /** The secret rides in the flash (the session) to the one page that shows it, then is gone. */
  private static void shownOnce(
      RedirectAttributes flash, String channelId, String label, String secret) {
    flash.addFlashAttribute("secretChannel", channelId);
    flash.addFlashAttribute("secretLabel", label);
    flash.addFlashAttribute("secret", secret);
  }
}
