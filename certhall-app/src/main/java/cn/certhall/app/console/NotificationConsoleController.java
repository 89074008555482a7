package cn.certhall.app.console;

import cn.certhall.app.persistence.JdbcNotificationOutbox;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 未能发送的通知 (CA administrators): the SMS and emails the outbox gave up on after too many failures in
 * a row, with what went wrong last, and 重新发送 to put one back in line. The recipient and text are
 * not shown (personal data); the order number says whose it was.
 */
@Controller
public class NotificationConsoleController {
  static final int LIST_SIZE = 100;

  private final JdbcNotificationOutbox outbox;
  private final Clock clock;

  public NotificationConsoleController(JdbcNotificationOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @GetMapping("/console/admin/notifications")
  public String givenUp(Model model) {
    model.addAttribute("givenUp", outbox.givenUp(LIST_SIZE));
    return "console/notifications";
  }

  @PostMapping("/console/admin/notifications/{id}/retry")
  public String retry(@PathVariable long id, RedirectAttributes flash) {
    flash.addFlashAttribute(
        "message",
        outbox.retry(id, clock.instant())
            ? "console.notifications.retried"
            : "console.notifications.unknown");
    flash.addFlashAttribute("retriedId", id);
    return "redirect:/console/admin/notifications";
  }
}
