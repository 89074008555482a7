package cn.certhall.app.sealing;

import cn.certhall.app.persistence.SigningRequestRepository;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes signing requests older than {@code certhall.sealing.request-retention} (30 days), with
 * the channel's PDF and the sealed PDF they hold: documents of third parties are kept no longer
 * than the channel needs to fetch the result. Every {@code purge-interval}, on every node (one
 * DELETE by time: running it twice at once deletes each row once).
 */
public final class SigningRequestPurge {
  private static final Logger log = LoggerFactory.getLogger(SigningRequestPurge.class);

  private final SigningRequestRepository requests;
  private final Duration retention;
  private final Clock clock;

  public SigningRequestPurge(SigningRequestRepository requests, Duration retention, Clock clock) {
    this.requests = requests;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * @return how many requests were deleted
   */
  /** Run on one node per interval by {@code schedule.ScheduledJobs}. */
  public int purge() {
    try {
      int deleted = requests.deleteCreatedBefore(clock.instant().minus(retention));
      if (deleted > 0) {
        log.info("deleted {} signing requests older than {}", deleted, retention);
      }
      return deleted;
    } catch (RuntimeException e) {
      // the database was away: the next run deletes them
      log.error("signing requests could not be purged: {}", e.toString());
      return 0;
    }
  }
}
