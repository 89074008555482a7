package cn.certhall.app.persistence;

import cn.certhall.pki.profile.CertificateProfile;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads issued certificates with their status (good, or revoked when a revocation row exists). */
public final class CertificateRepository {
  private final JdbcClient jdbc;

  public CertificateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public enum Status {
    GOOD,
    REVOKED
  }

  public record StoredCertificate(
      String caName,
      BigInteger serial,
      CertificateProfile profile,
      String subject,
      Instant notBefore,
      Instant notAfter,
      Status status,
      byte[] der) {}

  public Optional<StoredCertificate> find(String caName, BigInteger serial) {
    return jdbc.sql(
            "SELECT c.ca_name, c.serial, c.profile, c.subject, c.not_before, c.not_after, c.der,"
                + " r.reason_code FROM certificate c LEFT JOIN certificate_revocation r"
                + " ON r.ca_name = c.ca_name AND r.serial = c.serial"
                + " WHERE c.ca_name = ? AND c.serial = ?")
        .params(caName, serial.toString(16))
        .query(
            (rs, n) ->
                new StoredCertificate(
                    rs.getString("ca_name"),
                    new BigInteger(rs.getString("serial"), 16),
                    CertificateProfile.valueOf(rs.getString("profile")),
                    rs.getString("subject"),
                    rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                    rs.getObject("reason_code") == null ? Status.GOOD : Status.REVOKED,
                    rs.getBytes("der")))
        .optional();
  }

  public long count(String caName) {
    return jdbc.sql("SELECT COUNT(*) FROM certificate WHERE ca_name = ?")
        .param(caName)
        .query(Long.class)
        .single();
  }
}
