package cn.certhall.domain.notification;

import cn.certhall.domain.outbox.Backoff;
import cn.certhall.domain.outbox.Outbox;
import cn.certhall.domain.outbox.OutboxWorker;
import cn.certhall.domain.verification.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends what the notification outbox holds, through the one {@link OutboxWorker}: a message the
 * provider refuses (or that fails with an exception) is tried again after the {@link Backoff}, and
 * after {@link #MAX_FAILURES} failures in a row it is given up and waits for the CA administrator.
 * Safe on every node at once: each message is claimed with a lease before it is sent.
 */
public final class NotificationDispatcher implements OutboxWorker.Sender<Notification> {
  static final int BATCH = 50;

  /** With the default pauses (30 s doubling to 1 h) about a day of trying. */
  public static final int MAX_FAILURES = 30;

  /** Longer than one SMS or email takes, however slow the provider. */
  static final Duration LEASE = Duration.ofMinutes(5);

  private final SmsSender sms;
  private final EmailSender email;
  private final OutboxWorker<Notification> worker;

  public NotificationDispatcher(
      Outbox<Notification> outbox,
      SmsSender sms,
      EmailSender email,
      Clock clock,
      Duration firstRetry,
      Duration maxRetry) {
    this(outbox, sms, email, clock, new Backoff(firstRetry, maxRetry), MAX_FAILURES);
  }

  public NotificationDispatcher(
      Outbox<Notification> outbox,
      SmsSender sms,
      EmailSender email,
      Clock clock,
      Backoff backoff,
      int maxFailures) {
    this.sms = Objects.requireNonNull(sms, "sms");
    this.email = Objects.requireNonNull(email, "email");
    this.worker = new OutboxWorker<>(outbox, this, backoff, maxFailures, LEASE, BATCH, clock);
  }

  /** Sends every message due now. @return how many were sent */
  public int dispatchDue() {
    return worker.runDue().delivered();
  }

  /**
   * @return null when sent, else what went wrong (no personal data)
   */
  @Override
  public String attempt(Outbox.Item<Notification> item) {
    Notification n = item.payload();
    return switch (n.channel()) {
      case SMS -> sms(n);
      case EMAIL ->
          email.send(n.recipient(), n.subject(), n.body()) == EmailSender.Result.SENT
              ? null
              : "EMAIL provider unavailable";
    };
  }

  /** Every refusal is tried again: a limit or an outage passes, and a template gets approved. */
  private String sms(Notification n) {
    if (n.sms() == null) {
      return "SMS without a template (queued before V122): no provider takes it";
    }
    SmsSender.Result result = sms.send(n.recipient(), n.sms());
    return result == SmsSender.Result.SENT ? null : "SMS " + result;
  }
}
