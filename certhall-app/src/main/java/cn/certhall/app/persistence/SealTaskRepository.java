package cn.certhall.app.persistence;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Certificates issued without their seal, the CA administrator's 待处理印章 (V85__seal_tasks.sql). */
public final class SealTaskRepository {
  private static final String COLUMNS =
      "t.ca_name, t.certificate_serial, t.order_id, t.reason, t.created_at, t.done_at, t.done_by,"
          + " o.organization_name, o.credit_code";

  private final JdbcClient jdbc;

  public SealTaskRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A task.
   *
   * @param reason why the seal could not be made (the round seal's Chinese message)
   * @param doneAt when the seal was made, null while open
   */
  public record SealTask(
      String caName,
      BigInteger serial,
      String orderId,
      String reason,
      Instant createdAt,
      Instant doneAt,
      String doneBy,
      String organizationName,
      String creditCode) {

    public String serialHex() {
      return serial.toString(16);
    }
  }

  /**
   * Records the task of a certificate, with the order linked to it, unless it has one: the
   * issuance's retry finds the same certificate and must not add a second task.
   */
  public void open(String caName, BigInteger serial, String reason, Instant now) {
    jdbc.sql(
            "INSERT INTO seal_task (ca_name, certificate_serial, order_id, reason, created_at)"
                + " SELECT oc.ca_name, oc.serial, oc.order_id, ?, ? FROM (SELECT order_id, ca_name, serial"
                + " FROM order_certificate UNION ALL SELECT order_id, ca_name, serial"
                + " FROM order_second_certificate) oc"
                + " WHERE oc.ca_name = ? AND oc.serial = ? AND NOT EXISTS (SELECT 1 FROM seal_task t"
                + " WHERE t.ca_name = oc.ca_name AND t.certificate_serial = oc.serial)")
        .params(
            reason.length() > 1000 ? reason.substring(0, 1000) : reason,
            DbTime.utc(now),
            caName,
            serial.toString(16))
        .update();
  }

  /** Open tasks, oldest first. */
  public List<SealTask> open() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM seal_task t JOIN orders o ON o.id = t.order_id"
                + " WHERE t.done_at IS NULL ORDER BY t.created_at, t.order_id")
        .query(SealTaskRepository::row)
        .list();
  }

  public Optional<SealTask> find(String caName, BigInteger serial) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM seal_task t JOIN orders o ON o.id = t.order_id"
                + " WHERE t.ca_name = ? AND t.certificate_serial = ?")
        .params(caName, serial.toString(16))
        .query(SealTaskRepository::row)
        .optional();
  }

  /** Closes the task; false if it was closed already (by another administrator, another node). */
  public boolean done(String caName, BigInteger serial, String operator, Instant now) {
    return jdbc.sql(
                "UPDATE seal_task SET done_at = ?, done_by = ? WHERE ca_name = ?"
                    + " AND certificate_serial = ? AND done_at IS NULL")
            .params(DbTime.utc(now), operator, caName, serial.toString(16))
            .update()
        == 1;
  }

  private static SealTask row(ResultSet rs, int n) throws SQLException {
    OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
    return new SealTask(
        rs.getString("ca_name"),
        new BigInteger(rs.getString("certificate_serial"), 16),
        rs.getString("order_id"),
        rs.getString("reason"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        done == null ? null : done.toInstant(),
        rs.getString("done_by"),
        rs.getString("organization_name"),
        rs.getString("credit_code"));
  }
}
