package cn.certhall.app.inactivity;

import cn.certhall.domain.inactivity.InactiveOrderCancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the inactive-order rule on every node at {@code certhall.orders.inactivity.check-interval};
 * the rule itself makes concurrent runs on several nodes harmless.
 */
public final class InactivityScheduler {
  private static final Logger log = LoggerFactory.getLogger(InactivityScheduler.class);

  private final InactiveOrderCancellation cancellation;

  public InactivityScheduler(InactiveOrderCancellation cancellation) {
    this.cancellation = cancellation;
  }

  @Scheduled(
      fixedDelayString = "${certhall.orders.inactivity.check-interval:1h}",
      initialDelayString = "${certhall.orders.inactivity.check-interval:1h}")
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
