package cn.certhall.app.issuance;

import cn.certhall.domain.issuance.IssuanceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Finishes approved orders left without their certificate: at start-up (a crash between approval
 * and issuance) and every {@code certhall.recovery.interval} (a minute; a key store or database
 * that failed for a while).
 */
public final class IssuanceRecovery {
  private static final Logger log = LoggerFactory.getLogger(IssuanceRecovery.class);

  private final IssuanceService issuance;

  public IssuanceRecovery(IssuanceService issuance) {
    this.issuance = issuance;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void atStartUp() {
    recover();
  }

  /**
   * At start-up, then every {@code certhall.recovery.interval} on one node ({@code
   * schedule.ScheduledJobs}).
   */
  public void recover() {
    for (IssuanceService.Failure f : issuance.recover()) {
      log.error(
          "issuance of approved order {} failed; retried at the next recovery: {}",
          f.orderId(),
          f.cause().toString());
    }
  }
}
