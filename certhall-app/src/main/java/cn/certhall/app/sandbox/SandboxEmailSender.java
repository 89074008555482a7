package cn.certhall.app.sandbox;

import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SandboxMessageRepository.Kind;
import cn.certhall.domain.notification.EmailSender;
import java.time.Clock;

/**
 * A mail server that delivers into the sandbox outbox, readable at /sandbox. An address whose local
 * part ends in {@code 8888} finds the server down (nothing recorded), as a mobile ending in 8888
 * does for SMS.
 */
public final class SandboxEmailSender implements EmailSender {
  private final SandboxMessageRepository outbox;
  private final Clock clock;

  public SandboxEmailSender(SandboxMessageRepository outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public Result send(String to, String subject, String body) {
    int at = to.indexOf('@');
    if ((at < 0 ? to : to.substring(0, at)).endsWith("8888")) {
      return Result.UNAVAILABLE;
    }
    outbox.insert(Kind.EMAIL, to, null, subject, body, clock.instant());
    return Result.SENT;
  }
}
