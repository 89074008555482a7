package cn.certhall.app.persistence;

import cn.certhall.app.signer.SignerLifecycle.Signer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code delegated_signer}: the CA's signers by purpose; the one that ends last is current. */
public final class DelegatedSignerRepository {
  private final JdbcClient jdbc;

  public DelegatedSignerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Signer> current(String purpose, String caName) {
    return jdbc.sql(
            "SELECT ca_name, serial, key_alias, certificate, not_after FROM delegated_signer"
                + " WHERE purpose = ? AND ca_name = ? ORDER BY not_after DESC FETCH FIRST 1 ROWS ONLY")
        .params(purpose, caName)
        .query(
            (rs, n) ->
                new Signer(
                    rs.getString("ca_name"),
                    rs.getString("serial"),
                    rs.getString("key_alias"),
                    rs.getBytes("certificate"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant()))
        .optional();
  }

  public void insert(String purpose, Signer signer) {
    jdbc.sql(
            "INSERT INTO delegated_signer"
                + " (purpose, ca_name, serial, key_alias, certificate, not_after, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            purpose,
            signer.caName(),
            signer.serialHex(),
            signer.keyAlias(),
            signer.certificate(),
            DbTime.utc(signer.notAfter()),
            DbTime.utc(Instant.now()))
        .update();
  }
}
