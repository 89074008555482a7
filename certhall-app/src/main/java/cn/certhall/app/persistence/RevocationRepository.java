package cn.certhall.app.persistence;

import cn.certhall.pki.ocsp.CertificateStatusSource;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocations: recording one, the status of a certificate for OCSP, and the stream of a CA's
 * revoked entries for its CRL (the CRLs themselves: {@link CrlRepository}).
 */
public final class RevocationRepository implements CertificateStatusSource {
  /**
   * Rows fetched per round trip while streaming a CRL: memory stays flat however many there are.
   */
  private static final int FETCH_SIZE = 10_000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate readOnly;

  public RevocationRepository(
      JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.template = template;
    this.readOnly = transactions;
  }

  /**
   * @return false when the certificate was revoked already (the first revocation stands)
   */
  public boolean insert(String caName, RevokedEntry entry) {
    return jdbc.sql(
                "INSERT INTO certificate_revocation"
                    + " (ca_name, serial, reason_code, revoked_at, invalidity_date)"
                    + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM certificate_revocation"
                    + " WHERE ca_name = ? AND serial = ?)")
            .params(
                caName,
                entry.serial().toString(16),
                entry.reason().code(),
                DbTime.utc(entry.revokedAt()),
                DbTime.utc(entry.invalidityDate()),
                caName,
                entry.serial().toString(16))
            .update()
        == 1;
  }

  @Override
  public Optional<KnownCertificate> find(String caName, BigInteger serial) {
    return jdbc.sql(
            "SELECT c.serial, r.reason_code, r.revoked_at, r.invalidity_date FROM certificate c"
                + " LEFT JOIN certificate_revocation r ON r.ca_name = c.ca_name AND r.serial = c.serial"
                + " WHERE c.ca_name = ? AND c.serial = ?")
        .params(caName, serial.toString(16))
        .query(
            (rs, n) ->
                new KnownCertificate(
                    serial, rs.getObject("revoked_at") == null ? null : entry(rs, serial)))
        .optional();
  }

  /** A revocation as the OCSP caches of every node learn of it: which certificate, written when. */
  public record Recorded(String caName, BigInteger serial, Instant recordedAt) {}

  /**
   * The revocations written after {@code after} by the database's clock (one indexed range), oldest
   * first: what a node's OCSP cache has to drop when it polls.
   */
  public List<Recorded> recordedAfter(Instant after) {
    return jdbc.sql(
            "SELECT ca_name, serial, recorded_at FROM certificate_revocation"
                + " WHERE recorded_at > ? ORDER BY recorded_at")
        .param(DbTime.utc(after))
        .query(
            (rs, n) ->
                new Recorded(
                    rs.getString("ca_name"),
                    new BigInteger(rs.getString("serial"), 16),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The database's time now, the clock of {@code recorded_at}. */
  public Instant databaseNow() {
    return jdbc.sql("SELECT CURRENT_TIMESTAMP")
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .single();
  }

  /**
   * Hands every revoked entry of the CA to {@code sink}, streaming: PostgreSQL sends rows through a
   * cursor (which needs a transaction), H2 in pages.
   */
  public void forEachRevoked(String caName, Consumer<RevokedEntry> sink) {
    readOnly.executeWithoutResult(
        status ->
            template.query(
                con -> {
                  var ps =
                      con.prepareStatement(
                          "SELECT serial, reason_code, revoked_at, invalidity_date"
                              + " FROM certificate_revocation WHERE ca_name = ?");
                  ps.setFetchSize(FETCH_SIZE);
                  ps.setString(1, caName);
                  return ps;
                },
                (org.springframework.jdbc.core.RowCallbackHandler)
                    rs -> sink.accept(entry(rs, new BigInteger(rs.getString("serial"), 16)))));
  }

  private static RevokedEntry entry(ResultSet rs, BigInteger serial) throws SQLException {
    OffsetDateTime invalidity = rs.getObject("invalidity_date", OffsetDateTime.class);
    return new RevokedEntry(
        serial,
        rs.getObject("revoked_at", OffsetDateTime.class).toInstant(),
        RevocationReason.ofCode(rs.getInt("reason_code")).orElse(RevocationReason.UNSPECIFIED),
        invalidity == null ? null : invalidity.toInstant());
  }
}
