package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.review.ReviewClaims;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review claims in {@code review_claim}, one row per order. A claim is taken by a conditional
 * update (the row is free, lapsed, or the reviewer's own) or, when there is no row, by an insert
 * whose primary key lets one of two racing reviewers win; the loser reads the winner's claim. The
 * insert runs in a savepoint because PostgreSQL refuses every statement after a failed one.
 */
public final class JdbcReviewClaims implements ReviewClaims {
  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public JdbcReviewClaims(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public Claim claim(String orderId, String reviewer, Instant now, Instant until) {
    int taken =
        jdbc.sql(
                "UPDATE review_claim SET reviewer = ?, claimed_at = ?, expires_at = ?"
                    + " WHERE order_id = ? AND (reviewer = ? OR expires_at <= ?)")
            .params(reviewer, utc(now), utc(until), orderId, reviewer, utc(now))
            .update();
    if (taken == 0) {
      try {
        savepoint.executeWithoutResult(
            status ->
                jdbc.sql(
                        "INSERT INTO review_claim (order_id, reviewer, claimed_at, expires_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(orderId, reviewer, utc(now), utc(until))
                    .update());
      } catch (DuplicateKeyException heldByAnother) {
        // the holder's claim is read below
      }
    }
    return find(orderId)
        .orElseThrow(
            () -> new IllegalStateException("the claim of order " + orderId + " vanished"));
  }

  @Override
  public Optional<Claim> find(String orderId) {
    return jdbc.sql(
            "SELECT order_id, reviewer, claimed_at, expires_at FROM review_claim WHERE order_id = ?")
        .param(orderId)
        .query(
            (rs, n) ->
                new Claim(
                    rs.getString("order_id"),
                    rs.getString("reviewer"),
                    rs.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  @Override
  public void release(String orderId) {
    jdbc.sql("DELETE FROM review_claim WHERE order_id = ?").param(orderId).update();
  }
}
