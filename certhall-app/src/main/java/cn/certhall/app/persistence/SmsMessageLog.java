package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The record of every text message handed to a real provider ({@code sms_message}): outcome,
 * provider's code, request and message ids; the mobile masked, no text. Written in a transaction of
 * its own, so a message the provider took stays recorded when the caller's work rolls back.
 */
public final class SmsMessageLog {
  private static final int MAX_ID = 100;

  private final JdbcClient jdbc;
  private final TransactionOperations ownTransaction;

  /**
   * @param ownTransaction a new transaction, apart from the caller's (REQUIRES_NEW)
   */
  public SmsMessageLog(JdbcClient jdbc, TransactionOperations ownTransaction) {
    this.jdbc = jdbc;
    this.ownTransaction = ownTransaction;
  }

  /** One message's outcome. */
  public record Entry(
      String provider,
      String template,
      String maskedMobile,
      String result,
      String providerCode,
      String requestId,
      String messageId,
      Instant sentAt,
      long elapsedMillis) {}

  public void record(Entry e) {
    ownTransaction.executeWithoutResult(
        status ->
            jdbc.sql(
                    "INSERT INTO sms_message (provider, template, masked_mobile, result,"
                        + " provider_code, request_id, message_id, sent_at, elapsed_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    e.provider(),
                    e.template(),
                    e.maskedMobile(),
                    e.result(),
                    clip(e.providerCode()),
                    clip(e.requestId()),
                    clip(e.messageId()),
                    utc(e.sentAt()),
                    (int) Math.min(Integer.MAX_VALUE, e.elapsedMillis()))
                .update());
  }

  /** The newest entries first. */
  public java.util.List<Entry> newest(int limit) {
    return jdbc.sql(
            "SELECT provider, template, masked_mobile, result, provider_code, request_id,"
                + " message_id, sent_at, elapsed_ms FROM sms_message ORDER BY id DESC FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .query(
            (rs, n) ->
                new Entry(
                    rs.getString("provider"),
                    rs.getString("template"),
                    rs.getString("masked_mobile"),
                    rs.getString("result"),
                    rs.getString("provider_code"),
                    rs.getString("request_id"),
                    rs.getString("message_id"),
                    rs.getObject("sent_at", java.time.OffsetDateTime.class).toInstant(),
                    rs.getInt("elapsed_ms")))
        .list();
  }

  private static String clip(String value) {
    return value == null || value.length() <= MAX_ID ? value : value.substring(0, MAX_ID);
  }
}
