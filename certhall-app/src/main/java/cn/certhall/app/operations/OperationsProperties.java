package cn.certhall.app.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health and metrics of a node (docs/operations.md).
 *
 * @param outboxBacklogLimit an outbox item due this long without any node claiming it makes
 *     readiness DOWN: the outbox pollers are not working (an outside service that fails does not
 *     count, its items wait for their back-off and are not due)
 * @param figuresMaxAge how long the database's figures (outboxes, CRLs, review queue) are reused by
 *     health checks and gauges before they are read again
 */
@ConfigurationProperties("certhall.operations")
public record OperationsProperties(
    @DefaultValue("10m") Duration outboxBacklogLimit, @DefaultValue("5s") Duration figuresMaxAge) {}
