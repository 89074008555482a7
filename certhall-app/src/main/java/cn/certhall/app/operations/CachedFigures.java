package cn.certhall.app.operations;

import cn.certhall.app.persistence.OperationsFigures;
import cn.certhall.domain.review.ReviewDashboard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The database's figures for health and gauges, read at most once per {@code maxAge} however often
 * the load balancer and Prometheus ask. A failed read is not cached: the next question tries again.
 */
public final class CachedFigures {
  /** The figures read at one moment. */
  public record Figures(OperationsFigures.Snapshot database, ReviewDashboard.Queue reviewQueue) {}

  private final OperationsFigures database;
  private final ReviewDashboard dashboard;
  private final Duration maxAge;
  private final Clock clock;
  private volatile Figures last;

  public CachedFigures(
      OperationsFigures database, ReviewDashboard dashboard, Duration maxAge, Clock clock) {
    this.database = database;
    this.dashboard = dashboard;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public Figures current() {
    Figures figures = last;
    Instant now = clock.instant();
    if (figures != null && fresh(figures, now)) {
      return figures;
    }
    synchronized (this) {
      figures = last;
      now = clock.instant();
      if (figures == null || !fresh(figures, now)) {
        figures = new Figures(database.read(now), dashboard.queue());
        last = figures;
      }
      return figures;
    }
  }

  private boolean fresh(Figures figures, Instant now) {
    Instant at = figures.database().at();
    return !now.isBefore(at) && now.isBefore(at.plus(maxAge));
  }
}
