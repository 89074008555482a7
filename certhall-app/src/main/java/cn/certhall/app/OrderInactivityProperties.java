package cn.certhall.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cancellation of inactive orders (cn.certhall.domain.inactivity, docs/decisions.md).
 *
 * @param cancelAfter an unfinished order in the applicant's hands with no step for this long is
 *     cancelled
 * @param noticeBefore the handler is told this long before (SMS and email); the cancellation waits
 *     at least this long after the notice
 * @param checkInterval how often each node looks for orders to warn and cancel
 */
@ConfigurationProperties("certhall.orders.inactivity")
public record OrderInactivityProperties(
    @DefaultValue("30d") Duration cancelAfter,
    @DefaultValue("3d") Duration noticeBefore,
    @DefaultValue("1h") Duration checkInterval) {}
