package cn.certhall.app.persistence;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.reminder.ExpiringCertificates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The certificates orders produced ({@code order_certificate}) that end soon, without a revocation
 * and without an issued renewal or change of them; and the reminders sent ({@code
 * renewal_reminder}, V86).
 */
public final class JdbcExpiringCertificates implements ExpiringCertificates {
  private final JdbcClient jdbc;

  public JdbcExpiringCertificates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Expiring> endingBetween(Instant now, Instant until) {
    return jdbc.sql(
            "SELECT c.ca_name, c.serial, c.not_after, oc.order_id FROM certificate c"
                + " JOIN order_certificate oc ON oc.ca_name = c.ca_name AND oc.serial = c.serial"
                + " WHERE c.not_after > ? AND c.not_after <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM certificate_revocation r"
                + "   WHERE r.ca_name = c.ca_name AND r.serial = c.serial)"
                + " AND NOT EXISTS (SELECT 1 FROM lifecycle_order l JOIN orders lo ON lo.id = l.order_id"
                + "   WHERE l.ca_name = c.ca_name AND l.serial = c.serial AND lo.status = '"
                + OrderStatus.ISSUED.name()
                + "' AND l.business_type IN ('"
                + BusinessType.RENEWAL.name()
                + "', '"
                + BusinessType.INFORMATION_CHANGE.name()
                + "')) ORDER BY c.not_after, c.ca_name, c.serial")
        .params(DbTime.utc(now), DbTime.utc(until))
        .query(
            (rs, n) ->
                new Expiring(
                    rs.getString("ca_name"),
                    rs.getString("serial"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                    rs.getString("order_id")))
        .list();
  }

  /**
   * Inserts the row unless it exists. The caller holds the producing order's lock, so a second node
   * waits and then sees the row; the primary key stands behind that.
   */
  @Override
  public boolean record(String caName, String serialHex, int daysBefore, Instant now) {
    return jdbc.sql(
                "INSERT INTO renewal_reminder (ca_name, serial, days_before, sent_at)"
                    + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM renewal_reminder"
                    + " WHERE ca_name = ? AND serial = ? AND days_before = ?)")
            .params(caName, serialHex, daysBefore, DbTime.utc(now), caName, serialHex, daysBefore)
            .update()
        == 1;
  }
}
