package cn.certhall.app.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The time-stamp authority's certificates; the one that ends last is current. */
public final class TsaSignerRepository {
  private final JdbcClient jdbc;

  public TsaSignerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record TsaRecord(String caName, String keyAlias, byte[] certificate, Instant notAfter) {}

  public Optional<TsaRecord> current(String caName) {
    return jdbc.sql(
            "SELECT ca_name, key_alias, certificate, not_after FROM tsa_signer WHERE ca_name = ?"
                + " ORDER BY not_after DESC FETCH FIRST 1 ROWS ONLY")
        .param(caName)
        .query(
            (rs, n) ->
                new TsaRecord(
                    rs.getString("ca_name"),
                    rs.getString("key_alias"),
                    rs.getBytes("certificate"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant()))
        .optional();
  }

  public void insert(TsaRecord signer) {
    jdbc.sql(
            "INSERT INTO tsa_signer (ca_name, key_alias, certificate, not_after, created_at)"
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
