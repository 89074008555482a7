package cn.certhall.app.reminder;

import cn.certhall.domain.reminder.RenewalReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Queues the renewal reminders due, every {@code certhall.reminders.interval}; on every node,
 * since {@link RenewalReminders} sends each once.
 */
public final class RenewalReminderScheduler {
  private static final Logger log = LoggerFactory.getLogger(RenewalReminderScheduler.class);

  private final RenewalReminders reminders;

  public RenewalReminderScheduler(RenewalReminders reminders) {
    this.reminders = reminders;
  }

  @Scheduled(
      fixedDelayString = "${certhall.reminders.interval:1h}",
      initialDelayString = "${certhall.reminders.interval:1h}")
  public void run() {
    try {
      int sent = reminders.sendDue();
      if (sent > 0) {
        log.info("queued renewal reminders for {} certificates", sent);
      }
    } catch (RuntimeException e) {
      // the database was away: the reminders are still due at the next run
      log.error("renewal reminders could not be queued: {}", e.toString());
    }
  }
}
