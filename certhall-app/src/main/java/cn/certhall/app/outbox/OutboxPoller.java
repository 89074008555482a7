package cn.certhall.app.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one outbox's rounds every {@code interval} on a thread of its own, so a slow provider or a
 * dead channel never holds up another outbox or Spring's scheduler (CRL publication). A round that
 * fails (the database away) is logged and the next one tries again. Every node runs its pollers:
 * the outbox's claims keep them from sending anything twice.
 */
public final class OutboxPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

  private final String name;
  private final IntSupplier round;
  private ScheduledExecutorService thread;

  /**
   * @param name the thread's name, also in the log
   * @param round one round of the outbox's worker
   */
  public OutboxPoller(String name, IntSupplier round) {
    this.name = name;
    this.round = round;
  }

  /**
   * Starts the rounds: the first after {@code interval}, each next {@code interval} after the last
   * ends.
   */
  public synchronized OutboxPoller start(Duration interval) {
    if (thread == null) {
      thread =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              });
      thread.scheduleWithFixedDelay(
          this::roundQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void roundQuietly() {
    try {
      round.getAsInt();
    } catch (RuntimeException e) {
      // what waits stays in the outbox for the next round
      log.warn("{}: round failed: {}", name, e.toString());
    }
  }

  /**
   * Stops the rounds; a round under way (a message being handed to its provider) has a few seconds
   * to finish, so a graceful shutdown does not cut a send in the middle. One cut anyway is sent
   * again after its lease.
   */
  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        thread.shutdownNow();
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
