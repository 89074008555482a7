package cn.certhall.app.operations;

import cn.certhall.app.persistence.OperationsFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outboxes are being worked: DOWN when an item has been due longer than the limit, which means
 * no node's poller has claimed it (a claim moves it out of due for its lease, a failure for its
 * back-off). Given-up items are counted in the details and the metrics, not held against the node:
 * they wait for a CA administrator.
 */
public final class OutboxHealthIndicator implements HealthIndicator {
  private final CachedFigures figures;
  private final Duration limit;

  public OutboxHealthIndicator(CachedFigures figures, Duration limit) {
    this.figures = figures;
    this.limit = limit;
  }

  @Override
  public Health health() {
    CachedFigures.Figures current = figures.current();
    Instant at = current.database().at();
    boolean backlog = false;
    Map<String, Object> details = new LinkedHashMap<>();
    for (Map.Entry<String, OperationsFigures.Outbox> e : current.database().outboxes().entrySet()) {
      Duration lag = lag(e.getValue(), at);
      backlog |= lag.compareTo(limit) > 0;
      details.put(
          e.getKey(),
          Map.of("oldestDueSeconds", lag.toSeconds(), "givenUp", e.getValue().givenUp()));
    }
    return (backlog ? Health.down() : Health.up())
        .withDetails(details)
        .withDetail("limitSeconds", limit.toSeconds())
        .build();
  }

  /** How long the oldest due item has been due; zero when none is. */
  static Duration lag(OperationsFigures.Outbox outbox, Instant at) {
    return outbox.oldestDue() == null || outbox.oldestDue().isAfter(at)
        ? Duration.ZERO
        : Duration.between(outbox.oldestDue(), at);
  }
}
