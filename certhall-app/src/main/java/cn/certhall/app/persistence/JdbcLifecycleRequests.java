package cn.certhall.app.persistence;

import cn.certhall.domain.lifecycle.LifecycleRequest;
import cn.certhall.domain.lifecycle.LifecycleRequests;
import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.lifecycle.RevocationProof;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code lifecycle_order}: what each renewal, change and revocation order is about. */
public final class JdbcLifecycleRequests implements LifecycleRequests {
  private final JdbcClient jdbc;

  public JdbcLifecycleRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(LifecycleRequest r) {
    jdbc.sql(
            "INSERT INTO lifecycle_order (order_id, business_type, ca_name, serial, source_order_id,"
                + " revocation_reason) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            r.orderId(),
            r.businessType().name(),
            r.caName(),
            r.serialHex(),
            r.sourceOrderId(),
            r.revocationChoice() == null ? null : r.revocationChoice().name())
        .update();
  }

  @Override
  public Optional<LifecycleRequest> find(String orderId) {
    return jdbc.sql("SELECT * FROM lifecycle_order WHERE order_id = ?")
        .param(orderId)
        .query(
            (rs, n) -> {
              String reason = rs.getString("revocation_reason");
              byte[] signature = rs.getBytes("proof_signature");
              RevocationProof proof =
                  signature == null
                      ? null
                      : new RevocationProof(
                          rs.getString("proof_request"),
                          signature,
                          rs.getString("proof_algorithm"),
                          rs.getObject("proof_signed_at", OffsetDateTime.class).toInstant());
              return new LifecycleRequest(
                  rs.getString("order_id"),
                  BusinessType.valueOf(rs.getString("business_type")),
                  rs.getString("ca_name"),
                  rs.getString("serial"),
                  rs.getString("source_order_id"),
                  reason == null ? null : RevocationChoice.valueOf(reason),
                  proof);
            })
        .optional();
  }

  @Override
  public void recordProof(String orderId, RevocationProof proof) {
    jdbc.sql(
            "UPDATE lifecycle_order SET proof_request = ?, proof_signature = ?, proof_algorithm = ?,"
                + " proof_signed_at = ? WHERE order_id = ?")
        .params(
            proof.request(),
            proof.signature(),
            proof.algorithm(),
            DbTime.utc(proof.signedAt()),
            orderId)
        .update();
  }

  @Override
  public List<String> unfinishedFor(String caName, String serialHex) {
    return jdbc.sql(
            "SELECT l.order_id FROM lifecycle_order l JOIN open_order oo ON oo.order_id = l.order_id"
                + " WHERE l.ca_name = ? AND l.serial = ? ORDER BY l.order_id")
        .params(caName, serialHex)
        .query(String.class)
        .list();
  }

  @Override
  public List<String> approvedNotCarriedOut() {
    return jdbc.sql(
            "SELECT o.id FROM orders o JOIN lifecycle_order l ON l.order_id = o.id"
                + " WHERE o.status = ? ORDER BY o.updated_at, o.id")
        .param(OrderStatus.APPROVED.name())
        .query(String.class)
        .list();
  }
}
