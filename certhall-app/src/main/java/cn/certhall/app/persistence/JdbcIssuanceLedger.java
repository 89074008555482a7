package cn.certhall.app.persistence;

import cn.certhall.pki.DuplicateSerialException;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Reservation;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's ledger in the database: one insert into serial_reservation before signing, one into
 * certificate after. The primary key (ca_name, serial) makes a serial unique per CA even if two
 * issuers raced; the foreign key makes a certificate without a reservation impossible.
 */
public final class JdbcIssuanceLedger implements IssuanceLedger {
  private final JdbcClient jdbc;

  public JdbcIssuanceLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void reserve(Reservation r) {
    try {
      jdbc.sql(
              "INSERT INTO serial_reservation"
                  + " (ca_name, serial, profile, subject, not_before, not_after, reserved_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              r.caName(),
              r.serial().toString(16),
              r.profile().name(),
              r.subject(),
              DbTime.utc(r.notBefore()),
              DbTime.utc(r.notAfter()),
              DbTime.utc(Instant.now()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new DuplicateSerialException(r.caName(), r.serial());
    }
  }

  @Override
  public void record(IssuedCertificate c) {
    jdbc.sql(
            "INSERT INTO certificate"
                + " (ca_name, serial, profile, subject, not_before, not_after, der, issued_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            c.caName(),
            c.serialHex(),
            c.profile().name(),
            c.subject(),
            DbTime.utc(c.notBefore()),
            DbTime.utc(c.notAfter()),
            c.der(),
            DbTime.utc(Instant.now()))
        .update();
  }
}
