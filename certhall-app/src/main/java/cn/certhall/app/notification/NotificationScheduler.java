package cn.certhall.app.notification;

import cn.certhall.domain.notification.NotificationDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Sends the notifications due, every few seconds, from the one scheduler thread. */
public final class NotificationScheduler {
  private static final Logger log = LoggerFactory.getLogger(NotificationScheduler.class);

  private final NotificationDispatcher dispatcher;

  public NotificationScheduler(NotificationDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(fixedDelayString = "${certhall.review.notification-poll:5s}", initialDelay = 2_000)
  public void dispatch() {
    try {
      dispatcher.dispatchDue();
    } catch (RuntimeException e) {
      // the database was away: the messages wait in the outbox for the next round
      log.error("notifications could not be dispatched: {}", e.toString());
    }
  }
}
