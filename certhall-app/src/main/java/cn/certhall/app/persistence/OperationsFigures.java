package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database's figures for monitoring: each outbox's oldest due item and its dead letters, and
 * each CA's latest CRL. Read together, a few indexed queries, for the health checks and gauges
 * (which cache them for a few seconds).
 */
public final class OperationsFigures {
  /** The notification outbox (SMS, email), as named in metrics and health details. */
  public static final String NOTIFICATIONS = "notifications";

  /** The webhook outbox ({@code channel_delivery}). */
  public static final String WEBHOOKS = "webhooks";

  private final JdbcClient jdbc;

  public OperationsFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One outbox at a moment.
   *
   * @param oldestDue the earliest {@code next_attempt_at} of the items due (not sent, not given up,
   *     their time come; a claimed item's lease keeps it out), null when none is due
   * @param givenUp the items given up after too many failures, waiting for a replay
   */
  public record Outbox(Instant oldestDue, long givenUp) {}

  /** The figures at {@code now}. */
  public record Snapshot(
      Instant at, Map<String, Outbox> outboxes, Map<String, Instant> latestCrls) {}

  public Snapshot read(Instant now) {
    Map<String, Outbox> outboxes = new LinkedHashMap<>();
    outboxes.put(
        NOTIFICATIONS,
        new Outbox(
            oldest(
                "SELECT MIN(next_attempt_at) FROM notification_outbox WHERE sent_at IS NULL"
                    + " AND given_up_at IS NULL AND next_attempt_at <= ?",
                now),
            count("SELECT COUNT(*) FROM notification_outbox WHERE given_up_at IS NOT NULL")));
    outboxes.put(
        WEBHOOKS,
        new Outbox(
            oldest(
                "SELECT MIN(next_attempt_at) FROM channel_delivery WHERE status = '"
                    + ChannelDeliveryRepository.PENDING
                    + "' AND next_attempt_at <= ?",
                now),
            count(
                "SELECT COUNT(*) FROM channel_delivery WHERE status = '"
                    + ChannelDeliveryRepository.GIVEN_UP
                    + "'")));
    Map<String, Instant> crls = new LinkedHashMap<>();
    jdbc.sql("SELECT ca_name, MAX(this_update) AS latest FROM crl GROUP BY ca_name")
        .query(
            rs -> {
              crls.put(
                  rs.getString("ca_name"),
                  rs.getObject("latest", OffsetDateTime.class).toInstant());
            });
    return new Snapshot(now, outboxes, crls);
  }

  private Instant oldest(String sql, Instant now) {
    // MIN over no rows is one row holding NULL
    List<OffsetDateTime> oldest =
        jdbc.sql(sql)
            .param(utc(now))
            .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
            .list();
    return oldest.isEmpty() || oldest.get(0) == null ? null : oldest.get(0).toInstant();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
