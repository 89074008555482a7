package cn.certhall.app.persistence;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.ReviewQueue;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The waiting orders for the review queue: each with the time of its last move into
 * WAITING_FOR_REVIEW (its current submission) and its claim, oldest first.
 */
public final class JdbcReviewQueue implements ReviewQueue.Source {
  private final JdbcClient jdbc;

  public JdbcReviewQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<ReviewQueue.Waiting> oldestFirst(int limit) {
    return jdbc.sql(
            "SELECT o.id, o.business_type, o.organization_name, MAX(h.changed_at) AS submitted_at,"
                + " c.reviewer, c.expires_at FROM orders o"
                + " JOIN order_status_change h ON h.order_id = o.id AND h.to_status = ?"
                + " LEFT JOIN review_claim c ON c.order_id = o.id"
                + " WHERE o.status = ?"
                + " GROUP BY o.id, o.business_type, o.organization_name, c.reviewer, c.expires_at"
                + " ORDER BY submitted_at, o.id FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .params(OrderStatus.WAITING_FOR_REVIEW.name(), OrderStatus.WAITING_FOR_REVIEW.name())
        .query(
            (rs, n) -> {
              OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
              return new ReviewQueue.Waiting(
                  rs.getString("id"),
                  BusinessType.valueOf(rs.getString("business_type")),
                  rs.getString("organization_name"),
                  rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                  rs.getString("reviewer"),
                  expires == null ? null : expires.toInstant());
            })
        .list();
  }
}
