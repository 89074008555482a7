package cn.certhall.app.sandbox;

import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SandboxMessageRepository.Kind;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsSender;
import java.time.Clock;

/**
 * An SMS gateway that delivers into the sandbox outbox, with the signature (签名) a real gateway puts
 * in front of every text, and the template's wording filled in as a real gateway would. Fails by
 * {@link SandboxRules}; a failed text is not recorded, because nothing was sent.
 */
public final class SandboxSmsSender implements SmsSender {
  static final String SIGNATURE = "【certhall】";

  private final SandboxMessageRepository outbox;
  private final Clock clock;

  public SandboxSmsSender(SandboxMessageRepository outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public Result send(String mobile, SmsMessage message) {
    Result result = SandboxRules.sms(mobile);
    if (result == Result.SENT) {
      outbox.insert(Kind.SMS, mobile, null, null, SIGNATURE + message.text(), clock.instant());
    }
    return result;
  }
}
