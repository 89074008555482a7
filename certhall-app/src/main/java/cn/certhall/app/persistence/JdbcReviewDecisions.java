package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.ReviewDashboard;
import cn.certhall.domain.review.ReviewDashboard.Decision;
import cn.certhall.domain.review.ReviewDashboard.Outcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review decisions for the dashboard, from what is stored anyway: a decision is a move of the
 * status history out of WAITING_FOR_REVIEW to APPROVED or REJECTED; its submission is the order's
 * last move into WAITING_FOR_REVIEW before it; its reviewer is the actor of the first
 * REVIEW_APPROVED or REVIEW_REJECTED audit entry of the order at or after it (written in the same
 * transaction, on the same clock, after the move).
 */
public final class JdbcReviewDecisions implements ReviewDashboard.Decisions {
  private static final String OPERATOR = "operator:";

  private final JdbcClient jdbc;

  public JdbcReviewDecisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Decision> decidedBetween(Instant from, Instant to) {
    return jdbc.sql(
            "SELECT d.order_id, o.business_type, d.to_status, d.changed_at AS decided_at,"
                + " (SELECT MAX(s.changed_at) FROM order_status_change s WHERE s.order_id = d.order_id"
                + "   AND s.to_status = :waiting AND s.line < d.line) AS submitted_at,"
                + " (SELECT a.actor FROM audit_log a WHERE a.subject = d.order_id"
                + "   AND a.action IN (:approvedAction, :rejectedAction) AND a.recorded_at >= d.changed_at"
                + "   ORDER BY a.seq FETCH FIRST 1 ROWS ONLY) AS actor"
                + " FROM order_status_change d JOIN orders o ON o.id = d.order_id"
                + " WHERE d.from_status = :waiting AND d.to_status IN (:approved, :rejected)"
                + " AND d.changed_at >= :from AND d.changed_at < :to"
                + " ORDER BY d.changed_at, d.order_id")
        .param("waiting", OrderStatus.WAITING_FOR_REVIEW.name())
        .param("approved", OrderStatus.APPROVED.name())
        .param("rejected", OrderStatus.REJECTED.name())
        .param("approvedAction", AuditAction.REVIEW_APPROVED.name())
        .param("rejectedAction", AuditAction.REVIEW_REJECTED.name())
        .param("from", utc(from))
        .param("to", utc(to))
        .query(
            (rs, n) -> {
              String actor = rs.getString("actor");
              return new Decision(
                  rs.getString("order_id"),
                  BusinessType.valueOf(rs.getString("business_type")),
                  rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                  rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
                  rs.getString("to_status").equals(OrderStatus.APPROVED.name())
                      ? Outcome.APPROVED
                      : Outcome.REJECTED,
                  // a decision is always audited with its reviewer; "?" only if that entry was lost
                  actor == null
                      ? "?"
                      : actor.startsWith(OPERATOR) ? actor.substring(OPERATOR.length()) : actor);
            })
        .list();
  }
}
