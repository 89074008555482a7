package cn.certhall.app.persistence;

import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.HeldCertificates;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.revocation.RevocationReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The organization certificates orders produced ({@code order_certificate}), with the name on the
 * producing order, the revocation row if any, and the renewal or change order that replaced it.
 */
public final class JdbcHeldCertificates implements HeldCertificates {
  private static final String SELECT =
      "SELECT c.ca_name, c.serial, c.not_before, c.not_after, oc.order_id, o.organization_name,"
          + " o.credit_code, r.revoked_at, r.reason_code,"
          + " (SELECT MIN(l.order_id) FROM lifecycle_order l JOIN orders lo ON lo.id = l.order_id"
          + "   WHERE l.ca_name = c.ca_name AND l.serial = c.serial AND lo.status = '"
          + OrderStatus.ISSUED.name()
          + "' AND l.business_type IN ('"
          + BusinessType.RENEWAL.name()
          + "', '"
          + BusinessType.INFORMATION_CHANGE.name()
          + "')) AS replaced_by"
          + " FROM order_certificate oc JOIN orders o ON o.id = oc.order_id"
          + " JOIN certificate c ON c.ca_name = oc.ca_name AND c.serial = oc.serial"
          + " LEFT JOIN certificate_revocation r ON r.ca_name = c.ca_name AND r.serial = c.serial";

  private final JdbcClient jdbc;

  public JdbcHeldCertificates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<HeldCertificate> ofOrganization(String creditCode) {
    return jdbc.sql(SELECT + " WHERE o.credit_code = ? ORDER BY c.not_before DESC, c.serial DESC")
        .param(creditCode)
        .query((rs, n) -> held(rs))
        .list();
  }

  @Override
  public Optional<HeldCertificate> find(String caName, String serialHex) {
    return jdbc.sql(SELECT + " WHERE c.ca_name = ? AND c.serial = ?")
        .params(caName, serialHex.toLowerCase(Locale.ROOT))
        .query((rs, n) -> held(rs))
        .optional();
  }

  private static HeldCertificate held(ResultSet rs) throws SQLException {
    OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
    return new HeldCertificate(
        rs.getString("ca_name"),
        rs.getString("serial"),
        rs.getString("organization_name"),
        rs.getString("credit_code"),
        rs.getObject("not_before", OffsetDateTime.class).toInstant(),
        rs.getObject("not_after", OffsetDateTime.class).toInstant(),
        rs.getString("order_id"),
        revokedAt == null ? null : revokedAt.toInstant(),
        revokedAt == null
            ? null
            : RevocationReason.ofCode(rs.getInt("reason_code"))
                .orElseThrow(
                    () -> new IllegalStateException("a reason code RFC 5280 does not know")),
        rs.getString("replaced_by"));
  }
}
