package cn.certhall.domain.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Works an {@link Outbox} off: claims the items due, attempts each once, and records the outcome:
 * delivered; failed, to be tried again after the {@link Backoff}; or, after {@code maxFailures}
 * failures in a row, given up (a dead letter, shown to the CA administrator). The one way
 * notifications and webhooks go out; safe to run on every node at once (the claim leases).
 *
 * @param <T> what an item carries
 */
public final class OutboxWorker<T> {

  /** One attempt to send an item. */
  @FunctionalInterface
  public interface Sender<T> {
    /**
     * @return null when the item went out, else what went wrong (no personal data)
     */
    String attempt(Outbox.Item<T> item);
  }

  private final Outbox<T> outbox;
  private final Sender<T> sender;
  private final Backoff backoff;
  private final int maxFailures;
  private final Duration lease;
  private final int batch;
  private final Clock clock;

  /**
   * @param maxFailures failures in a row after which an item is given up
   * @param lease how long a claimed item is kept from other nodes: longer than one attempt takes
   * @param batch the most items one round claims
   */
  public OutboxWorker(
      Outbox<T> outbox,
      Sender<T> sender,
      Backoff backoff,
      int maxFailures,
      Duration lease,
      int batch,
      Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFailures < 1 || batch < 1 || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException(
          "maxFailures and batch must be positive and the lease longer than zero");
    }
    this.maxFailures = maxFailures;
    this.batch = batch;
  }

  /** What one round did: items attempted, and of those, delivered. */
  public record Round(int attempted, int delivered) {}

  /**
   * One round: attempts the items due, once each, at most {@code batch} of them. Each is claimed
   * just before its attempt, so the lease need only outlast one attempt.
   */
  public Round runDue() {
    int attempted = 0;
    int delivered = 0;
    for (int i = 0; i < batch; i++) {
      Instant now = clock.instant();
      List<Outbox.Item<T>> claimed = outbox.claimDue(now, now.plus(lease), 1);
      if (claimed.isEmpty()) {
        break;
      }
      attempted++;
      if (attempt(claimed.get(0))) {
        delivered++;
      }
    }
    return new Round(attempted, delivered);
  }

  private boolean attempt(Outbox.Item<T> item) {
    String problem;
    try {
      problem = sender.attempt(item);
    } catch (RuntimeException e) {
      problem = "failed: " + e.getClass().getSimpleName();
    }
    Instant after = clock.instant();
    if (problem == null) {
      outbox.delivered(item.id(), after);
      return true;
    }
    int failures = item.failures() + 1;
    if (failures >= maxFailures) {
      outbox.givenUp(item.id(), failures, after, problem);
    } else {
      outbox.failed(item.id(), failures, after.plus(backoff.after(failures)), problem);
    }
    return false;
  }
}
