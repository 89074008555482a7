package cn.certhall.app.persistence;

import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders and their certificates ({@code order_certificate}): its primary key keeps one certificate
 * per order; {@code order_second_certificate} (V123) likewise the certificate of the second
 * algorithm family (双证书); the lock is the order's own row ({@code SELECT … FOR UPDATE}).
 */
public final class JdbcOrderCertificates implements OrderCertificates {
  private final JdbcClient jdbc;
  private final Clock clock;

  public JdbcOrderCertificates(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void lock(String orderId) {
    jdbc.sql("SELECT id FROM orders WHERE id = ? FOR UPDATE")
        .param(orderId)
        .query(String.class)
        .optional();
  }

  @Override
  public Optional<CertificateRef> find(String orderId) {
    return find("order_certificate", orderId);
  }

  @Override
  public Optional<CertificateRef> findSecond(String orderId) {
    return find("order_second_certificate", orderId);
  }

  private Optional<CertificateRef> find(String table, String orderId) {
    return jdbc.sql(
            "SELECT c.ca_name, c.serial, c.not_before, c.not_after FROM "
                + table
                + " oc"
                + " JOIN certificate c ON c.ca_name = oc.ca_name AND c.serial = oc.serial"
                + " WHERE oc.order_id = ?")
        .param(orderId)
        .query(
            (rs, n) ->
                new CertificateRef(
                    rs.getString("ca_name"),
                    rs.getString("serial"),
                    new Validity(
                        rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                        rs.getObject("not_after", OffsetDateTime.class).toInstant())))
        .optional();
  }

  @Override
  public void link(String orderId, CertificateRef certificate) {
    link("order_certificate", orderId, certificate);
  }

  @Override
  public void linkSecond(String orderId, CertificateRef certificate) {
    link("order_second_certificate", orderId, certificate);
  }

  private void link(String table, String orderId, CertificateRef certificate) {
    try {
      jdbc.sql(
              "INSERT INTO "
                  + table
                  + " (order_id, ca_name, serial, linked_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(
              orderId, certificate.caName(), certificate.serialHex(), DbTime.utc(clock.instant()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("order " + orderId + " has a certificate already");
    }
  }

  @Override
  public List<String> approvedWithoutCertificate() {
    return jdbc.sql(
            "SELECT o.id FROM orders o LEFT JOIN order_certificate oc ON oc.order_id = o.id"
                + " WHERE o.status = ? AND o.business_type = ? AND oc.order_id IS NULL"
                + " ORDER BY o.updated_at, o.id")
        .params(OrderStatus.APPROVED.name(), BusinessType.NEW_UNIT_CERTIFICATE.name())
        .query(String.class)
        .list();
  }
}
