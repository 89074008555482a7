package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.inactivity.InactiveOrders;
import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inactive orders on {@code orders.updated_at} and the warnings in {@code order_inactivity_warning}
 * (V61). A warning's row is inserted in a savepoint: the losing node of two meets the primary key,
 * and PostgreSQL refuses further statements of a transaction after a failed one unless it is rolled
 * back to a savepoint.
 */
public final class JdbcInactiveOrders implements InactiveOrders {
  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public JdbcInactiveOrders(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public List<Inactive> toWarn(Set<OrderStatus> statuses, Instant idleSince, int limit) {
    List<Object> params = new ArrayList<>(statusNames(statuses));
    params.add(utc(idleSince));
    params.add(limit);
    return jdbc.sql(
            "SELECT o.id, o.updated_at FROM orders o WHERE o.status IN ("
                + placeholders(statuses)
                + ") AND o.updated_at < ? AND NOT EXISTS (SELECT 1 FROM order_inactivity_warning w"
                + " WHERE w.order_id = o.id AND w.last_activity = o.updated_at)"
                + " ORDER BY o.updated_at, o.id FETCH FIRST ? ROWS ONLY")
        .params(params)
        .query(
            (rs, n) ->
                new Inactive(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
        .list();
  }

  @Override
  public List<Inactive> toCancel(
      Set<OrderStatus> statuses, Instant idleSince, Instant warnedBefore, int limit) {
    List<Object> params = new ArrayList<>(statusNames(statuses));
    params.add(utc(idleSince));
    params.add(utc(warnedBefore));
    params.add(limit);
    return jdbc.sql(
            "SELECT o.id, o.updated_at FROM orders o JOIN order_inactivity_warning w"
                + " ON w.order_id = o.id AND w.last_activity = o.updated_at"
                + " WHERE o.status IN ("
                + placeholders(statuses)
                + ") AND o.updated_at < ? AND w.warned_at <= ?"
                + " ORDER BY o.updated_at, o.id FETCH FIRST ? ROWS ONLY")
        .params(params)
        .query(
            (rs, n) ->
                new Inactive(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
        .list();
  }

  @Override
  public boolean recordWarning(String orderId, Instant lastActivity, Instant warnedAt) {
    try {
      savepoint.executeWithoutResult(
          status ->
              jdbc.sql(
                      "INSERT INTO order_inactivity_warning (order_id, last_activity, warned_at)"
                          + " VALUES (?, ?, ?)")
                  .params(orderId, utc(lastActivity), utc(warnedAt))
                  .update());
      return true;
    } catch (DuplicateKeyException warnedBefore) {
      return false;
    }
  }

  private static List<Object> statusNames(Set<OrderStatus> statuses) {
    return new ArrayList<>(statuses.stream().map(OrderStatus::name).toList());
  }

  private static String placeholders(Set<OrderStatus> statuses) {
    return String.join(", ", statuses.stream().map(s -> "?").toList());
  }
}
