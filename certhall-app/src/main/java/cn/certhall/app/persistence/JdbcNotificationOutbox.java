package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.JdbcIssuanceLedger.utc;

import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.NotificationOutbox;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notification outbox ({@code notification_outbox}). */
public final class JdbcNotificationOutbox implements NotificationOutbox {
  static final int MAX_PROBLEM = 200;

  private final JdbcClient jdbc;

  public JdbcNotificationOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void enqueue(Notification n, Instant now) {
    jdbc.sql(
            "INSERT INTO notification_outbox (channel, recipient, subject, body, order_id,"
                + " created_at, next_attempt_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
        .params(
            n.channel().name(), n.recipient(), n.subject(), n.body(), n.orderId(), utc(now), utc(now))
        .update();
  }

  @Override
  public List<Pending> due(Instant now, int limit) {
    return jdbc.sql(
            "SELECT id, channel, recipient, subject, body, order_id, attempts FROM notification_outbox"
                + " WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
                + " FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .param(utc(now))
        .query(
            (rs, n) ->
                new Pending(
                    rs.getLong("id"),
                    new Notification(
                        Notification.Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getString("order_id")),
                    rs.getInt("attempts")))
        .list();
  }

  @Override
  public void markSent(long id, Instant at) {
    jdbc.sql("UPDATE notification_outbox SET sent_at = ? WHERE id = ?").params(utc(at), id).update();
  }

  @Override
  public void markFailed(long id, int attempts, Instant nextAttempt, String problem) {
    String text = problem.length() > MAX_PROBLEM ? problem.substring(0, MAX_PROBLEM) : problem;
    jdbc.sql(
            "UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_problem = ?"
                + " WHERE id = ?")
        .params(attempts, utc(nextAttempt), text, id)
        .update();
  }
}
