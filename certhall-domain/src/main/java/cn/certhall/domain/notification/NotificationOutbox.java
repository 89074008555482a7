package cn.certhall.domain.notification;

import java.time.Instant;

/**
 * Port: where the flows put the messages to send. The messages wait in an {@link
 * cn.certhall.domain.outbox.Outbox} that {@link NotificationDispatcher} works off.
 */
@FunctionalInterface
public interface NotificationOutbox {

  /** Adds a message to send from {@code now} on; in the caller's transaction when one runs. */
  void enqueue(Notification notification, Instant now);
}
