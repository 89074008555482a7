package cn.certhall.app.persistence;

import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.audit.AuditEvent;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.audit.AuditRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain in {@code audit_log} and {@code audit_head}. An append raises the head's sequence
 * number first: that update takes the head row's lock until the appending transaction ends, so
 * appends are serialised and each reads the hash its predecessor committed. It joins the caller's
 * transaction when there is one (an order change and its entry commit together), else runs in its
 * own. The unique previous hash would refuse a fork even without the lock.
 */
public final class JdbcAuditLog implements AuditLog, AuditRecords {
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public JdbcAuditLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void record(AuditEvent event) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").update();
          Head head = head();
          AuditEntry entry =
              AuditEntry.next(
                  head.sequence(),
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  event,
                  head.hash());
          jdbc.sql(
                  "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details,"
                      + " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .params(
                  entry.sequence(),
                  DbTime.utc(entry.at()),
                  entry.actor(),
                  entry.action(),
                  entry.subject(),
                  entry.details(),
                  entry.previousHash(),
                  entry.hash())
              .update();
          jdbc.sql("UPDATE audit_head SET hash = ? WHERE id = 1").param(entry.hash()).update();
        });
  }

  @Override
  public List<AuditEntry> after(long afterSequence, int limit) {
    return jdbc.sql(
            "SELECT seq, recorded_at, actor, action, subject, details, previous_hash, hash"
                + " FROM audit_log WHERE seq > ? ORDER BY seq FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .param(afterSequence)
        .query(JdbcAuditLog::entry)
        .list();
  }

  /**
   * Within an append, the head as raised by it (its new sequence number, the previous hash);
   * otherwise the last entry appended.
   */
  @Override
  public Head head() {
    return jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1")
        .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
        .single();
  }

  @Override
  public List<AuditEntry> about(String subject) {
    return jdbc.sql(
            "SELECT seq, recorded_at, actor, action, subject, details, previous_hash, hash"
                + " FROM audit_log WHERE subject = ? ORDER BY seq")
        .param(subject)
        .query(JdbcAuditLog::entry)
        .list();
  }

  private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("subject"),
        rs.getString("details"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }
}
