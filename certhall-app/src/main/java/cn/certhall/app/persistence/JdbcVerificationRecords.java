package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.verification.VerificationMethod;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.domain.verification.VerificationRecords;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code verification_record}: each real-name and face check, written in a transaction of its own,
 * so a check the provider answered (and charged) stays recorded when the caller's work rolls back.
 */
public final class JdbcVerificationRecords implements VerificationRecords {
  private static final int MAX = 100;

  private final JdbcClient jdbc;
  private final TransactionOperations ownTransaction;

  /**
   * @param ownTransaction a new transaction, apart from the caller's (REQUIRES_NEW)
   */
  public JdbcVerificationRecords(JdbcClient jdbc, TransactionOperations ownTransaction) {
    this.jdbc = jdbc;
    this.ownTransaction = ownTransaction;
  }

  @Override
  public void add(VerificationRecord r) {
    ownTransaction.executeWithoutResult(
        status ->
            jdbc.sql(
                    "INSERT INTO verification_record (subject, purpose, method, provider, outcome,"
                        + " provider_code, request_id, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    clip(r.subject(), 64),
                    r.purpose().name(),
                    r.method().name(),
                    clip(r.provider(), 16),
                    r.outcome(),
                    clip(r.providerCode(), MAX),
                    clip(r.requestId(), MAX),
                    utc(r.at()))
                .update());
  }

  @Override
  public List<VerificationRecord> forSubject(String subject) {
    return jdbc.sql(
            "SELECT subject, purpose, method, provider, outcome, provider_code, request_id, checked_at"
                + " FROM verification_record WHERE subject = ? ORDER BY id")
        .param(subject)
        .query(JdbcVerificationRecords::record)
        .list();
  }

  /** The newest records first, of every subject. */
  public List<VerificationRecord> newest(int limit) {
    return jdbc.sql(
            "SELECT subject, purpose, method, provider, outcome, provider_code, request_id, checked_at"
                + " FROM verification_record ORDER BY id DESC FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .query(JdbcVerificationRecords::record)
        .list();
  }

  private static VerificationRecord record(java.sql.ResultSet rs, int n)
      throws java.sql.SQLException {
    return new VerificationRecord(
        rs.getString("subject"),
        VerificationPurpose.valueOf(rs.getString("purpose")),
        VerificationMethod.valueOf(rs.getString("method")),
        rs.getString("provider"),
        rs.getString("outcome"),
        rs.getString("provider_code"),
        rs.getString("request_id"),
        rs.getObject("checked_at", OffsetDateTime.class).toInstant());
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
