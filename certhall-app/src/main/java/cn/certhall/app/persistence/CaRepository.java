package cn.certhall.app.persistence;

import cn.certhall.pki.issuance.CertificateAuthority;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CAs this installation runs: certificate, key alias, place in the hierarchy. */
public final class CaRepository {
  private final JdbcClient jdbc;

  public CaRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record CaRecord(String name, String parentName, String keyAlias, byte[] certificate) {}

  public void insert(CertificateAuthority ca, String parentName) {
    jdbc.sql(
            "INSERT INTO ca (name, kind, family, key_algorithm, parent_name, key_alias, subject,"
                + " issuer, not_before, not_after, certificate, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            ca.name(),
            ca.kind().name(),
            ca.family().name(),
            ca.keyAlgorithm().name(),
            parentName,
            ca.keyAlias(),
            ca.subject(),
            ca.issuer(),
            DbTime.utc(ca.certificate().getNotBefore().toInstant()),
            DbTime.utc(ca.certificate().getNotAfter().toInstant()),
            ca.certificateDer(),
            DbTime.utc(Instant.now()))
        .update();
    // the CA's CRL numbering and publication lease (CrlRepository)
    jdbc.sql(
            "INSERT INTO crl_publication (ca_name, last_number, requests, published_requests)"
                + " VALUES (?, 0, 0, 0)")
        .param(ca.name())
        .update();
  }

  public Optional<CaRecord> find(String name) {
    return jdbc.sql("SELECT name, parent_name, key_alias, certificate FROM ca WHERE name = ?")
        .param(name)
        .query(
            (rs, n) ->
                new CaRecord(
                    rs.getString("name"),
                    rs.getString("parent_name"),
                    rs.getString("key_alias"),
                    rs.getBytes("certificate")))
        .optional();
  }

  public List<String> names() {
    return jdbc.sql("SELECT name FROM ca ORDER BY created_at, name").query(String.class).list();
  }
}
