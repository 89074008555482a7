package cn.certhall.app.limit;

import cn.certhall.app.persistence.JdbcCodeStore;
import cn.certhall.domain.limit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rate-limit counters whose window has ended and codes that expired more than {@code
 * codePurgeAfter} ago. Each is a single DELETE by time, so two nodes running it at once delete
 * every row once between them and need no lock.
 */
public final class LimitPurge {
  private static final Logger log = LoggerFactory.getLogger(LimitPurge.class);

  private final RateLimiter limiter;
  private final JdbcCodeStore codes;
  private final Duration codePurgeAfter;
  private final Clock clock;

  public LimitPurge(
      RateLimiter limiter, JdbcCodeStore codes, Duration codePurgeAfter, Clock clock) {
    this.limiter = limiter;
    this.codes = codes;
    this.codePurgeAfter = codePurgeAfter;
    this.clock = clock;
  }

  /** Run on one node per interval by {@code schedule.ScheduledJobs}. */
  public void purge() {
    int counters = limiter.purgeEnded();
    int expired = codes.purgeExpiredBefore(clock.instant().minus(codePurgeAfter));
    if (counters + expired > 0) {
      log.info("purged {} ended rate-limit counters and {} expired codes", counters, expired);
    }
  }
}
