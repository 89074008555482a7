package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.NotificationOutbox;
import cn.certhall.domain.outbox.Outbox;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification outbox ({@code notification_outbox}). A message is due while it has neither
 * {@code sent_at} nor {@code given_up_at} and its {@code next_attempt_at} has come; {@code
 * attempts} counts its failures in a row. An SMS keeps its template and values ({@code
 * sms_template}, {@code sms_values}: a JSON array) beside its text, which is what providers take.
 */
public final class JdbcNotificationOutbox implements NotificationOutbox, Outbox<Notification> {
  static final int MAX_PROBLEM = 200;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DUE =
      "sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?";

  private final JdbcClient jdbc;
  private final OutboxClaims claims;

  /** Claims without a transaction of their own: correct, but nodes claiming at once collide. */
  public JdbcNotificationOutbox(JdbcClient jdbc) {
    this(jdbc, TransactionOperations.withoutTransaction());
  }

  /**
   * @param transactions the claims' transactions, in which due rows are locked and skipped
   */
  public JdbcNotificationOutbox(JdbcClient jdbc, TransactionOperations transactions) {
    this.jdbc = jdbc;
    this.claims = new OutboxClaims(jdbc, transactions, "notification_outbox", DUE);
  }

  @Override
  public void enqueue(Notification n, Instant now) {
    jdbc.sql(
            "INSERT INTO notification_outbox (channel, recipient, subject, body, order_id,"
                + " created_at, next_attempt_at, attempts, sms_template, sms_values)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
        .params(
            n.channel().name(),
            n.recipient(),
            n.subject(),
            n.body(),
            n.orderId(),
            utc(now),
            utc(now),
            n.sms() == null ? null : n.sms().template().name(),
            n.sms() == null ? null : JSON.writeValueAsString(n.sms().values()))
        .update();
  }

  @Override
  public List<Item<Notification>> claimDue(Instant now, Instant leaseUntil, int limit) {
    return claims.claim(now, leaseUntil, limit).stream().flatMap(id -> item(id).stream()).toList();
  }

  private java.util.Optional<Item<Notification>> item(long id) {
    return jdbc.sql(
            "SELECT id, channel, recipient, subject, body, order_id, attempts, sms_template,"
                + " sms_values FROM notification_outbox WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Item<>(
                    rs.getLong("id"),
                    new Notification(
                        Notification.Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getString("order_id"),
                        sms(rs.getString("sms_template"), rs.getString("sms_values"))),
                    rs.getInt("attempts")))
        .optional();
  }

  @Override
  public void delivered(long id, Instant at) {
    jdbc.sql("UPDATE notification_outbox SET sent_at = ? WHERE id = ?")
        .params(utc(at), id)
        .update();
  }

  @Override
  public void failed(long id, int failures, Instant retryAt, String problem) {
    jdbc.sql(
            "UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_problem = ?"
                + " WHERE id = ?")
        .params(failures, utc(retryAt), clip(problem), id)
        .update();
  }

  @Override
  public void givenUp(long id, int failures, Instant at, String problem) {
    jdbc.sql(
            "UPDATE notification_outbox SET attempts = ?, given_up_at = ?, last_problem = ?"
                + " WHERE id = ?")
        .params(failures, utc(at), clip(problem), id)
        .update();
  }

  /** Messages given up (dead letters), newest first. */
  public List<GivenUp> givenUp(int limit) {
    return jdbc.sql(
            "SELECT id, channel, order_id, attempts, last_problem, given_up_at FROM notification_outbox"
                + " WHERE given_up_at IS NOT NULL ORDER BY given_up_at DESC, id DESC"
                + " FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .query(
            (rs, n) ->
                new GivenUp(
                    rs.getLong("id"),
                    Notification.Channel.valueOf(rs.getString("channel")),
                    rs.getString("order_id"),
                    rs.getInt("attempts"),
                    rs.getString("last_problem"),
                    rs.getObject("given_up_at", java.time.OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Puts a given-up message back in line, due at {@code now} with no failures; false if none. */
  public boolean retry(long id, Instant now) {
    return jdbc.sql(
                "UPDATE notification_outbox SET given_up_at = NULL, attempts = 0, next_attempt_at = ?"
                    + " WHERE id = ? AND given_up_at IS NOT NULL")
            .params(utc(now), id)
            .update()
        == 1;
  }

  /** A message given up; its recipient and text are not shown (personal data). */
  public record GivenUp(
      long id,
      Notification.Channel channel,
      String orderId,
      int failures,
      String problem,
      Instant at) {}

  private static SmsMessage sms(String template, String values) {
    if (template == null || values == null) {
      return null;
    }
    return new SmsMessage(
        SmsTemplate.valueOf(template), List.of(JSON.readValue(values, String[].class)));
  }

  private static String clip(String problem) {
    return problem.length() > MAX_PROBLEM ? problem.substring(0, MAX_PROBLEM) : problem;
  }
}
