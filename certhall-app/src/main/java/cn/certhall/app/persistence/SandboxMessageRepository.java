package cn.certhall.app.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox's outbox ({@code sandbox_message}): what the sandbox adapters "sent". */
public final class SandboxMessageRepository {
  public static final int MAX_LIST = 500;

  private final JdbcClient jdbc;

  public SandboxMessageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public enum Kind {
    SMS,
    EMAIL,
    TRANSFER,
    /** a channel webhook the sandbox channel platform received (docs/channels.md) */
    WEBHOOK
  }

  /**
   * @param recipient a mobile, an email address or an account number
   * @param recipientName the account name of a transfer; null otherwise
   * @param subject an email's subject, a transfer's amount, bank and payer; null for SMS
   * @param body the text, the email body, or the transfer remark
   */
  public record Message(
      long id,
      Kind kind,
      String recipient,
      String recipientName,
      String subject,
      String body,
      Instant sentAt) {
    /** The body carries codes: not for logs. */
    @Override
    public String toString() {
      return "Message[" + id + ", " + kind + "]";
    }
  }

  public void insert(
      Kind kind,
      String recipient,
      String recipientName,
      String subject,
      String body,
      Instant sentAt) {
    jdbc.sql(
            "INSERT INTO sandbox_message (kind, recipient, recipient_name, subject, body, sent_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(kind.name(), recipient, recipientName, subject, body, DbTime.utc(sentAt))
        .update();
  }

  /**
   * Newest first, at most {@code limit} (1 to {@link #MAX_LIST}); only those to {@code recipient}
   * unless it is null.
   */
  public List<Message> newest(String recipient, int limit) {
    int rows = Math.max(1, Math.min(limit, MAX_LIST));
    String where = recipient == null ? "" : " WHERE recipient = ?";
    var statement =
        jdbc.sql(
            "SELECT id, kind, recipient, recipient_name, subject, body, sent_at"
                + " FROM sandbox_message"
                + where
                + " ORDER BY id DESC FETCH FIRST "
                + rows
                + " ROWS ONLY");
    if (recipient != null) {
      statement = statement.param(recipient);
    }
    return statement
        .query(
            (rs, n) ->
                new Message(
                    rs.getLong("id"),
                    Kind.valueOf(rs.getString("kind")),
                    rs.getString("recipient"),
                    rs.getString("recipient_name"),
                    rs.getString("subject"),
                    rs.getString("body"),
                    rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
