package cn.certhall.app.lifecycle;

import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.lifecycle.LifecycleService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Finishes approved renewals, changes and revocations the CA left unfinished: at start-up (a crash)
 * and every {@code certhall.recovery.interval} (a minute; a key store or database that failed for a
 * while).
 */
public final class LifecycleRecovery {
  private static final Logger log = LoggerFactory.getLogger(LifecycleRecovery.class);

  private final LifecycleService lifecycle;

  public LifecycleRecovery(LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
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
    for (IssuanceService.Failure f : lifecycle.recover()) {
      log.error(
          "approved order {} not carried out; retried at the next recovery: {}",
          f.orderId(),
          f.cause().toString());
    }
  }
}
