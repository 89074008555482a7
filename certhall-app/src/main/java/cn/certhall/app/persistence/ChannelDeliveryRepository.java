package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The webhook outbox ({@code channel_delivery}) and its delivery log ({@code
 * channel_delivery_attempt}). A delivery is PENDING until a 2xx (DELIVERED) or until it failed too
 * often in a row (GIVEN_UP, a dead letter); a replay makes it PENDING again with no failures.
 */
public final class ChannelDeliveryRepository implements Outbox<ChannelDeliveryRepository.Delivery> {
  public static final String PENDING = "PENDING";
  public static final String DELIVERED = "DELIVERED";
  public static final String GIVEN_UP = "GIVEN_UP";
  static final int MAX_PROBLEM = 500;
  private static final String DUE = "status = 'PENDING' AND next_attempt_at <= ?";

  private final JdbcClient jdbc;
  private final OutboxClaims claims;

  /** Claims without a transaction of their own: correct, but nodes claiming at once collide. */
  public ChannelDeliveryRepository(JdbcClient jdbc) {
    this(jdbc, TransactionOperations.withoutTransaction());
  }

  /**
   * @param transactions the claims' transactions, in which due rows are locked and skipped
   */
  public ChannelDeliveryRepository(JdbcClient jdbc, TransactionOperations transactions) {
    this.jdbc = jdbc;
    this.claims = new OutboxClaims(jdbc, transactions, "channel_delivery", DUE);
  }

  /**
   * A webhook to send (or sent). {@code deliveredAt} is the last 2xx, null before the first; {@code
   * failures} counts the failed attempts since the last success or replay, {@code lastProblem} says
   * what went wrong last.
   */
  public record Delivery(
      long id,
      String eventId,
      String channelId,
      String event,
      String serial,
      String orderId,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Instant createdAt,
      Instant deliveredAt,
      int failures,
      String lastProblem) {}

  /**
   * One attempt.
   *
   * @param replay made after the delivery had already succeeded, at an administrator's request
   * @param httpStatus the channel's answer, or null when none came
   * @param error why it failed, or null
   */
  public record Attempt(
      long deliveryId,
      int attempt,
      boolean replay,
      Instant attemptedAt,
      Integer httpStatus,
      String error,
      long durationMs) {}

  /** Adds a pending delivery, due at once. */
  public long insert(
      String eventId,
      String channelId,
      String event,
      String serial,
      String orderId,
      byte[] body,
      Instant now) {
    jdbc.sql(
            "INSERT INTO channel_delivery (event_id, channel_id, event, serial, order_id, body,"
                + " status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
        .params(eventId, channelId, event, serial, orderId, body, PENDING, utc(now), utc(now))
        .update();
    return jdbc.sql("SELECT id FROM channel_delivery WHERE event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }

  @Override
  public List<Item<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
    List<Item<Delivery>> claimed = new ArrayList<>();
    for (long id : claims.claim(now, leaseUntil, limit)) {
      find(id).ifPresent(d -> claimed.add(new Item<>(d.id(), d, d.failures())));
    }
    return claimed;
  }

  @Override
  public void delivered(long id, Instant at) {
    jdbc.sql(
            "UPDATE channel_delivery SET status = ?, delivered_at = ?, failures = 0, last_problem = NULL"
                + " WHERE id = ?")
        .params(DELIVERED, utc(at), id)
        .update();
  }

  @Override
  public void failed(long id, int failures, Instant retryAt, String problem) {
    jdbc.sql(
            "UPDATE channel_delivery SET failures = ?, next_attempt_at = ?, last_problem = ?"
                + " WHERE id = ? AND status = ?")
        .params(failures, utc(retryAt), clip(problem), id, PENDING)
        .update();
  }

  @Override
  public void givenUp(long id, int failures, Instant at, String problem) {
    jdbc.sql(
            "UPDATE channel_delivery SET status = ?, failures = ?, given_up_at = ?, last_problem = ?"
                + " WHERE id = ? AND status = ?")
        .params(GIVEN_UP, failures, utc(at), clip(problem), id, PENDING)
        .update();
  }

  private static String clip(String problem) {
    return problem.length() > MAX_PROBLEM ? problem.substring(0, MAX_PROBLEM) : problem;
  }

  public Optional<byte[]> body(long id) {
    return jdbc.sql("SELECT body FROM channel_delivery WHERE id = ?")
        .param(id)
        .query((rs, n) -> rs.getBytes("body"))
        .optional();
  }

  /** Logs an attempt and counts it. */
  public void recordAttempt(Attempt a) {
    jdbc.sql(
            "INSERT INTO channel_delivery_attempt (delivery_id, attempt, replay, attempted_at,"
                + " http_status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            a.deliveryId(),
            a.attempt(),
            a.replay(),
            utc(a.attemptedAt()),
            a.httpStatus(),
            a.error(),
            a.durationMs())
        .update();
    jdbc.sql("UPDATE channel_delivery SET attempts = ? WHERE id = ?")
        .params(a.attempt(), a.deliveryId())
        .update();
  }

  /**
   * Makes the delivery pending and due at {@code now} with no failures (a delivered one is sent
   * again, a given-up one tried again); false if there is no such delivery.
   */
  public boolean replay(long id, Instant now) {
    return jdbc.sql(
                "UPDATE channel_delivery SET status = ?, next_attempt_at = ?, failures = 0,"
                    + " given_up_at = NULL WHERE id = ?")
            .params(PENDING, utc(now), id)
            .update()
        == 1;
  }

  public Optional<Delivery> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?")
        .param(id)
        .query(ChannelDeliveryRepository::delivery)
        .optional();
  }

  /** The channel's deliveries, newest first; with {@code channelId} null, every channel's. */
  public List<Delivery> list(String channelId, String status, int limit) {
    return list(channelId, status, false, limit);
  }

  /** As {@link #list(String, String, int)}; {@code undeliveredOnly}: pending and given up. */
  public List<Delivery> list(String channelId, String status, boolean undeliveredOnly, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (channelId != null) {
      where.append(" AND channel_id = ?");
      params.add(channelId);
    }
    if (status != null) {
      where.append(" AND status = ?");
      params.add(status);
    }
    if (undeliveredOnly) {
      where.append(" AND status <> ?");
      params.add(DELIVERED);
    }
    params.add(limit);
    return jdbc.sql(SELECT + where + " ORDER BY id DESC LIMIT ?")
        .params(params)
        .query(ChannelDeliveryRepository::delivery)
        .list();
  }

  public List<Attempt> attempts(long deliveryId) {
    return jdbc.sql(
            "SELECT delivery_id, attempt, replay, attempted_at, http_status, error, duration_ms"
                + " FROM channel_delivery_attempt WHERE delivery_id = ? ORDER BY attempt")
        .param(deliveryId)
        .query(
            (rs, n) ->
                new Attempt(
                    rs.getLong("delivery_id"),
                    rs.getInt("attempt"),
                    rs.getBoolean("replay"),
                    instant(rs, "attempted_at"),
                    rs.getObject("http_status") == null ? null : rs.getInt("http_status"),
                    rs.getString("error"),
                    rs.getLong("duration_ms")))
        .list();
  }

  private static final String SELECT =
      "SELECT id, event_id, channel_id, event, serial, order_id, status, attempts,"
          + " next_attempt_at, created_at, delivered_at, failures, last_problem FROM channel_delivery";

  private static Delivery delivery(ResultSet rs, int n) throws SQLException {
    return new Delivery(
        rs.getLong("id"),
        rs.getString("event_id"),
        rs.getString("channel_id"),
        rs.getString("event"),
        rs.getString("serial"),
        rs.getString("order_id"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        instant(rs, "created_at"),
        instant(rs, "delivered_at"),
        rs.getInt("failures"),
        rs.getString("last_problem"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
