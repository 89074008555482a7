package cn.certhall.domain.notification;

import cn.certhall.domain.notification.NotificationOutbox.Pending;
import cn.certhall.domain.verification.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Sends what the outbox holds. A message the provider refuses (or that fails with an exception)
 * stays, and is tried again after a pause that doubles with each failure, from {@code firstRetry}
 * up to {@code maxRetry}: a provider outage of hours delays messages, loses none, and is not
 * hammered. Meant to run on one scheduler thread of one node.
 */
public final class NotificationDispatcher {
    static final int BATCH = 50;

    private final NotificationOutbox outbox;
    private final SmsSender sms;
    private final EmailSender email;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetry;

    public NotificationDispatcher(
            NotificationOutbox outbox,
            SmsSender sms,
            EmailSender email,
            Clock clock,
            Duration firstRetry,
            Duration maxRetry) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.email = Objects.requireNonNull(email, "email");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
        this.maxRetry = Objects.requireNonNull(maxRetry, "maxRetry");
    }

    /** Sends every message due now. @return how many were sent */
    public synchronized int dispatchDue() {
        int sent = 0;
        for (Pending pending : outbox.due(clock.instant(), BATCH)) {
            String problem = send(pending.notification());
            Instant now = clock.instant();
            if (problem == null) {
                outbox.markSent(pending.id(), now);
                sent++;
            } else {
                int attempts = pending.attempts() + 1;
                outbox.markFailed(pending.id(), attempts, now.plus(pause(attempts)), problem);
            }
        }
        return sent;
    }

    /** The pause after the {@code attempts}-th failure: first retry, doubled each time, capped. */
    Duration pause(int attempts) {
        Duration pause = firstRetry;
        for (int i = 1; i < attempts && pause.compareTo(maxRetry) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxRetry) > 0 ? maxRetry : pause;
    }

    /** @return null when sent, else what went wrong (no personal data) */
    private String send(Notification n) {
        try {
            boolean ok = switch (n.channel()) {
                case SMS -> sms.send(n.recipient(), n.body()) == SmsSender.Result.SENT;
                case EMAIL -> email.send(n.recipient(), n.subject(), n.body()) == EmailSender.Result.SENT;
            };
            return ok ? null : n.channel() + " provider unavailable";
        } catch (RuntimeException e) {
            return n.channel() + " provider failed: " + e.getClass().getSimpleName();
        }
    }
}
