package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The CRLs each CA has published, their DER included, and the publication lease of each CA (table
 * {@code crl_publication}) that numbers them across every node on the database.
 *
 * <p>A publication takes the CA's lease and its number in one short transaction, signs outside any
 * transaction, and stores the CRL and gives the lease back in another. The row is locked only for
 * those short transactions, so a revocation asking for a CRL never waits for a signature (a CRL of
 * a million entries takes half a minute). A lease whose holder died is free again after its expiry;
 * the number it took is never handed out twice.
 */
public final class CrlRepository {
  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionOperations transactions;

  public CrlRepository(JdbcClient jdbc, JdbcTemplate template, TransactionOperations transactions) {
    this.jdbc = jdbc;
    this.template = template;
    this.transactions = transactions;
  }

  public record CrlRecord(
      String caName,
      long number,
      Instant thisUpdate,
      Instant nextUpdate,
      long entries,
      long size,
      String sha256) {}

  /** A publication under way: the number it signs with, and the holder that may store it. */
  public record Lease(String caName, String holder, long number) {}

  /** Whether a CA needs a new CRL, decided under the lease row's lock. */
  @FunctionalInterface
  public interface Due {
    /**
     * @param requested a revocation asked for a CRL that the latest one does not answer
     * @param latest the latest CRL stored with its DER, if any
     */
    boolean test(boolean requested, Optional<CrlRecord> latest);
  }

  /** Asks for a new CRL of the CA, for whichever node publishes next. */
  public void request(String caName) {
    jdbc.sql("UPDATE crl_publication SET requests = requests + 1 WHERE ca_name = ?")
        .param(caName)
        .update();
  }

  /** The CAs with a request no stored CRL answers and no publication under way. */
  public List<String> requested(Instant now) {
    return jdbc.sql(
            "SELECT ca_name FROM crl_publication WHERE requests > published_requests"
                + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY ca_name")
        .param(utc(now))
        .query(String.class)
        .list();
  }

  /**
   * Takes the CA's lease and its next number if no other publication holds the lease and {@code
   * due} says a CRL is needed.
   */
  public Optional<Lease> lease(String caName, Instant now, Duration leaseTime, Due due) {
    return transactions.execute(
        tx -> {
          Optional<Row> row =
              jdbc.sql(
                      "SELECT last_number, requests, published_requests, lease_until"
                          + " FROM crl_publication WHERE ca_name = ? FOR UPDATE")
                  .param(caName)
                  .query(
                      (rs, n) ->
                          new Row(
                              rs.getLong("last_number"),
                              rs.getLong("requests"),
                              rs.getLong("published_requests"),
                              Optional.ofNullable(rs.getObject("lease_until", OffsetDateTime.class))
                                  .map(OffsetDateTime::toInstant)))
                  .optional();
          if (row.isEmpty()) {
            throw new IllegalStateException("no CRL publication row for CA " + caName);
          }
          Row r = row.get();
          if (r.leaseUntil().isPresent() && r.leaseUntil().get().isAfter(now)) {
            return Optional.<Lease>empty();
          }
          if (!due.test(r.requests() > r.publishedRequests(), latest(caName))) {
            return Optional.<Lease>empty();
          }
          Lease lease = new Lease(caName, UUID.randomUUID().toString(), r.lastNumber() + 1);
          jdbc.sql(
                  "UPDATE crl_publication SET last_number = ?, lease_holder = ?, lease_until = ?,"
                      + " lease_requests = ? WHERE ca_name = ?")
              .params(
                  lease.number(), lease.holder(), utc(now.plus(leaseTime)), r.requests(), caName)
              .update();
          return Optional.of(lease);
        });
  }

  private record Row(
      long lastNumber, long requests, long publishedRequests, Optional<Instant> leaseUntil) {}

  /**
   * Stores the CRL signed under {@code lease} and gives the lease back.
   *
   * @return false, storing nothing, when the lease was lost (it expired and another node took it)
   */
  public boolean store(Lease lease, CrlRecord crl, Path der) {
    Boolean stored =
        transactions.execute(
            tx -> {
              String holder =
                  jdbc.sql("SELECT lease_holder FROM crl_publication WHERE ca_name = ? FOR UPDATE")
                      .param(lease.caName())
                      .query(String.class)
                      .optional()
                      .orElse(null);
              if (!lease.holder().equals(holder)) {
                return false;
              }
              insert(crl, der);
              jdbc.sql(
                      "UPDATE crl_publication SET published_requests = lease_requests,"
                          + " lease_holder = NULL, lease_until = NULL, lease_requests = NULL"
                          + " WHERE ca_name = ?")
                  .param(lease.caName())
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(stored);
  }

  /** Gives back a lease whose CRL could not be made; its number stays unused. */
  public void release(Lease lease) {
    jdbc.sql(
            "UPDATE crl_publication SET lease_holder = NULL, lease_until = NULL, lease_requests = NULL"
                + " WHERE ca_name = ? AND lease_holder = ?")
        .params(lease.caName(), lease.holder())
        .update();
  }

  /** The DER is streamed from its file, never held whole in memory here. */
  private void insert(CrlRecord crl, Path der) {
    try (InputStream in = Files.newInputStream(der)) {
      long size = Files.size(der);
      template.update(
          "INSERT INTO crl (ca_name, crl_number, this_update, next_update, entries, size_bytes,"
              + " sha256, created_at, der) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          ps -> {
            ps.setString(1, crl.caName());
            ps.setLong(2, crl.number());
            ps.setObject(3, utc(crl.thisUpdate()));
            ps.setObject(4, utc(crl.nextUpdate()));
            ps.setLong(5, crl.entries());
            ps.setLong(6, crl.size());
            ps.setString(7, crl.sha256());
            ps.setObject(8, utc(Instant.now()));
            ps.setBinaryStream(9, in, size);
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRL " + der, e);
    }
  }

  /** The latest CRL of the CA stored with its DER (rows from before V110 have none). */
  public Optional<CrlRecord> latest(String caName) {
    return jdbc.sql(
            "SELECT ca_name, crl_number, this_update, next_update, entries, size_bytes, sha256"
                + " FROM crl WHERE ca_name = ? AND der IS NOT NULL"
                + " ORDER BY crl_number DESC FETCH FIRST 1 ROWS ONLY")
        .param(caName)
        .query(
            (rs, n) ->
                new CrlRecord(
                    rs.getString("ca_name"),
                    rs.getLong("crl_number"),
                    rs.getObject("this_update", OffsetDateTime.class).toInstant(),
                    rs.getObject("next_update", OffsetDateTime.class).toInstant(),
                    rs.getLong("entries"),
                    rs.getLong("size_bytes"),
                    rs.getString("sha256")))
        .optional();
  }

  /** Writes the DER of the CA's CRL {@code number} to {@code out}; false when there is none. */
  public boolean copyDer(String caName, long number, OutputStream out) {
    Boolean found =
        template.query(
            "SELECT der FROM crl WHERE ca_name = ? AND crl_number = ? AND der IS NOT NULL",
            rs -> {
              if (!rs.next()) {
                return false;
              }
              try (InputStream in = rs.getBinaryStream(1)) {
                in.transferTo(out);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot copy CRL #" + number + " of " + caName, e);
              }
              return true;
            },
            caName,
            number);
    return Boolean.TRUE.equals(found);
  }
}
