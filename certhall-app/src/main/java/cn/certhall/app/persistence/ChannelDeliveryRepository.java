package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.JdbcIssuanceLedger.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The webhook outbox ({@code channel_delivery}) and its delivery log ({@code channel_delivery_attempt}). */
public final class ChannelDeliveryRepository {
  public static final String PENDING = "PENDING";
  public static final String DELIVERED = "DELIVERED";

  private final JdbcClient jdbc;

  public ChannelDeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A webhook to send (or sent). {@code deliveredAt} is the last 2xx, null before the first. */
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
      Instant deliveredAt) {}

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

  /** Pending deliveries due at {@code now}, oldest due first. */
  public List<Delivery> due(Instant now, int limit) {
    return jdbc.sql(
            SELECT
                + " WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
        .params(PENDING, utc(now), limit)
        .query(ChannelDeliveryRepository::delivery)
        .list();
  }

  /**
   * Takes a due delivery for one attempt by moving its next attempt to {@code leaseUntil}: of two
   * dispatchers (two nodes) only one succeeds, and a dispatcher that dies mid-attempt leaves the
   * delivery to be tried again after the lease.
   */
  public boolean claim(long id, Instant now, Instant leaseUntil) {
    return jdbc.sql(
                "UPDATE channel_delivery SET next_attempt_at = ?"
                    + " WHERE id = ? AND status = ? AND next_attempt_at <= ?")
            .params(utc(leaseUntil), id, PENDING, utc(now))
            .update()
        == 1;
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

  public void markDelivered(long id, Instant at) {
    jdbc.sql("UPDATE channel_delivery SET status = ?, delivered_at = ? WHERE id = ?")
        .params(DELIVERED, utc(at), id)
        .update();
  }

  public void retryAt(long id, Instant at) {
    jdbc.sql("UPDATE channel_delivery SET next_attempt_at = ? WHERE id = ? AND status = ?")
        .params(utc(at), id, PENDING)
        .update();
  }

  /** Makes the delivery pending and due at {@code now}; false if there is no such delivery. */
  public boolean replay(long id, Instant now) {
    return jdbc.sql("UPDATE channel_delivery SET status = ?, next_attempt_at = ? WHERE id = ?")
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
          + " next_attempt_at, created_at, delivered_at FROM channel_delivery";

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
        instant(rs, "delivered_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
