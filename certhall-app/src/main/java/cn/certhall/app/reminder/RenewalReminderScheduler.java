package cn.certhall.app.reminder;

import cn.certhall.domain.reminder.RenewalReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the renewal reminders due, every {@code certhall.reminders.interval} on one node of the
 * installation ({@code schedule.ScheduledJobs}); {@link RenewalReminders} also sends each once when
 * two runs meet.
 */
public final class RenewalReminderScheduler {
  private static final Logger log = LoggerFactory.getLogger(RenewalReminderScheduler.class);

  private final RenewalReminders reminders;

  public RenewalReminderScheduler(RenewalReminders reminders) {
    this.reminders = reminders;
  }

  /** Run on one node per interval by {@code schedule.ScheduledJobs}. */
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
