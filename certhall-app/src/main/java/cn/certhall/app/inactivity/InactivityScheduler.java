package cn.certhall.app.inactivity;

import cn.certhall.domain.inactivity.InactiveOrderCancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the inactive-order rule every {@code certhall.orders.inactivity.check-interval}, on one node
 * of the installation per interval ({@code schedule.ScheduledJobs}); the rule itself also makes
 * concurrent runs harmless (a notice row per order, a versioned cancel).
 */
public final class InactivityScheduler {
  private static final Logger log = LoggerFactory.getLogger(InactivityScheduler.class);

  private final InactiveOrderCancellation cancellation;

  public InactivityScheduler(InactiveOrderCancellation cancellation) {
    this.cancellation = cancellation;
  }

  /** Run on one node per interval by {@code schedule.ScheduledJobs}. */
  public void check() {
    try {
      InactiveOrderCancellation.Run run = cancellation.run();
      if (run.warned() + run.cancelled() > 0) {
        log.info("inactive orders: {} warned, {} cancelled", run.warned(), run.cancelled());
      }
    } catch (RuntimeException e) {
      // the database was away: the next round finds the same orders
      log.error("inactive orders could not be checked: {}", e.toString());
    }
  }
}
