package cn.certhall.app.sms;

import cn.certhall.app.persistence.SmsMessageLog;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain's {@link SmsSender} on a real {@link SmsProvider}: each message's outcome is logged
 * (mobile masked, no text) and recorded in {@code sms_message} with the provider's ids. A refusal
 * that only the operator can mend (template, signature, credentials, balance) is logged as an
 * error.
 */
public final class RecordedSmsSender implements SmsSender {
  private static final Logger log = LoggerFactory.getLogger(RecordedSmsSender.class);

  private final SmsProvider provider;
  private final SmsMessageLog messages;
  private final Clock clock;

  public RecordedSmsSender(SmsProvider provider, SmsMessageLog messages, Clock clock) {
    this.provider = provider;
    this.messages = messages;
    this.clock = clock;
  }

  @Override
  public Result send(String mobile, SmsMessage message) {
    Instant start = clock.instant();
    long started = System.nanoTime();
    SmsDelivery delivery = provider.deliver(mobile, message);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    String masked = Masking.mobile(mobile);
    if (delivery.result() == Result.REFUSED) {
      log.error(
          "SMS {} to {} refused by {} ({}, request {}): the provider's settings or account need"
              + " the operator (docs/providers.md)",
          message.template(),
          masked,
          provider.name(),
          delivery.providerCode(),
          delivery.requestId());
    } else {
      log.info(
          "SMS {} to {} via {}: {} ({}, request {}, message {}, {} ms)",
          message.template(),
          masked,
          provider.name(),
          delivery.result(),
          delivery.providerCode(),
          delivery.requestId(),
          delivery.messageId(),
          millis);
    }
    try {
      messages.record(
          new SmsMessageLog.Entry(
              provider.name(),
              message.template().name(),
              masked,
              delivery.result().name(),
              delivery.providerCode(),
              delivery.requestId(),
              delivery.messageId(),
              start,
              millis));
    } catch (RuntimeException e) {
      log.warn("SMS outcome not recorded: {}", e.toString());
    }
    return delivery.result();
  }
}
