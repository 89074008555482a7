package cn.certhall.app.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The delegated OCSP signer certificates of each CA; the one that ends last is current. */
public final class OcspSignerRepository {
  private final JdbcClient jdbc;

  public OcspSignerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record SignerRecord(
      String caName, String keyAlias, byte[] certificate, Instant notAfter) {}

  public Optional<SignerRecord> current(String caName) {
    return jdbc.sql(
            "SELECT ca_name, key_alias, certificate, not_after FROM ocsp_signer WHERE ca_name = ?"
                + " ORDER BY not_after DESC FETCH FIRST 1 ROWS ONLY")
        .param(caName)
        .query(
            (rs, n) ->
                new SignerRecord(
                    rs.getString("ca_name"),
                    rs.getString("key_alias"),
                    rs.getBytes("certificate"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant()))
        .optional();
  }

  public void insert(SignerRecord signer) {
    jdbc.sql(
            "INSERT INTO ocsp_signer (ca_name, key_alias, certificate, not_after, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            signer.caName(),
            signer.keyAlias(),
            signer.certificate(),
            DbTime.utc(signer.notAfter()),
            DbTime.utc(Instant.now()))
        .update();
  }
}
