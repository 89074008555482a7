package cn.certhall.app.sandbox;

import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SandboxMessageRepository.Message;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sandbox outbox for people ({@code GET /sandbox}) and tests ({@code GET
 * /sandbox/api/messages}): every text, email and transfer remark the sandbox "sent", newest first,
 * {@code ?to=} a mobile, email address or account number. Exists only with {@code
 * certhall.sandbox.enabled=true}. The answers carry codes, so no cache keeps them.
 */
@Controller
@ConditionalOnProperty(prefix = "certhall.sandbox", name = "enabled", havingValue = "true")
public class SandboxController {
  static final int PAGE_SIZE = 200;
  private static final ZoneId CHINA_TIME = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private final SandboxMessageRepository outbox;

  public SandboxController(SandboxMessageRepository outbox) {
    this.outbox = outbox;
  }

  /** A message as the API shows it; {@code sentAt} is an ISO-8601 instant. */
  public record MessageView(
      long id, String kind, String to, String toName, String subject, String body, String sentAt) {}

  /** A message as the page shows it, in China time and Chinese. */
  public record MessageRow(
      String kind, String to, String toName, String subject, String body, String sentAt) {}

  @GetMapping(value = "/sandbox/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<MessageView>> messages(
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "" + PAGE_SIZE) int limit) {
    List<MessageView> views =
        outbox.newest(recipient(to), limit).stream()
            .map(
                m ->
                    new MessageView(
                        m.id(),
                        m.kind().name(),
                        m.recipient(),
                        m.recipientName(),
                        m.subject(),
                        m.body(),
                        m.sentAt().toString()))
            .toList();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(views);
  }

  @GetMapping("/sandbox")
  public String page(
      @RequestParam(required = false) String to, Model model, HttpServletResponse response) {
    response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
    model.addAttribute("to", to == null ? "" : to.strip());
    List<MessageRow> rows =
        outbox.newest(recipient(to), PAGE_SIZE).stream().map(SandboxController::row).toList();
    model.addAttribute("messages", rows);
    return "sandbox";
  }

  private static MessageRow row(Message m) {
    String kind =
        switch (m.kind()) {
          case SMS -> "短信";
          case EMAIL -> "邮件";
          case TRANSFER -> "打款附言";
          case WEBHOOK -> "渠道推送";
        };
    return new MessageRow(
        kind,
        m.recipient(),
        m.recipientName(),
        m.subject(),
        m.body(),
        SHOWN.format(m.sentAt().atZone(CHINA_TIME)));
  }

  private static String recipient(String to) {
    return to == null || to.isBlank() ? null : to.strip();
  }
}
