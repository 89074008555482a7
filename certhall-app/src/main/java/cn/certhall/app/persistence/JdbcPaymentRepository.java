package cn.certhall.app.persistence;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.payment.Invoice;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.payment.Refund;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Payments in {@code payment}, notifications in {@code payment_notification}, 开票信息 in {@code
 * order_invoice}.
 */
public final class JdbcPaymentRepository implements PaymentRepository {
  private final JdbcClient jdbc;

  public JdbcPaymentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(Payment p) {
    jdbc.sql(
            "INSERT INTO payment (id, order_id, attempt, channel_id, business_type, amount_fen, method,"
                + " status, provider_reference, created_at, settled_at, notification_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            p.id(),
            p.orderId(),
            p.attempt(),
            p.channelId(),
            p.businessType().name(),
            p.amountFen(),
            p.method() == null ? null : p.method().name(),
            p.status().name(),
            p.providerReference(),
            DbTime.utc(p.createdAt()),
            p.settledAt() == null ? null : DbTime.utc(p.settledAt()),
            p.notificationId())
        .update();
  }

  @Override
  public Optional<Payment> find(String paymentId) {
    return jdbc.sql("SELECT * FROM payment WHERE id = ?")
        .param(paymentId)
        .query(JdbcPaymentRepository::payment)
        .optional();
  }

  @Override
  public List<Payment> forOrder(String orderId) {
    return jdbc.sql("SELECT * FROM payment WHERE order_id = ? ORDER BY attempt")
        .param(orderId)
        .query(JdbcPaymentRepository::payment)
        .list();
  }

  @Override
  public void setProviderReference(String paymentId, String providerReference) {
    jdbc.sql("UPDATE payment SET provider_reference = ? WHERE id = ?")
        .params(providerReference, paymentId)
        .update();
  }

  @Override
  public boolean recordNotification(
      PaymentNotification n, PaymentService.Result result, Instant receivedAt) {
    try {
      // NOT EXISTS keeps a redelivery free of a failed statement, which would abort an enclosing
      // PostgreSQL transaction; the primary key settles a race
      return jdbc.sql(
                  "INSERT INTO payment_notification (notification_id, payment_id, outcome,"
                      + " amount_fen, notified_at, received_at, result) SELECT ?, ?, ?, ?, ?, ?, ?"
                      + " WHERE NOT EXISTS (SELECT 1 FROM payment_notification"
                      + " WHERE notification_id = ?)")
              .params(
                  n.notificationId(),
                  n.paymentId(),
                  n.outcome().name(),
                  n.amountFen(),
                  DbTime.utc(n.at()),
                  DbTime.utc(receivedAt),
                  result.name(),
                  n.notificationId())
              .update()
          == 1;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  @Override
  public Optional<PaymentService.Result> notificationResult(String notificationId) {
    return jdbc.sql("SELECT result FROM payment_notification WHERE notification_id = ?")
        .param(notificationId)
        .query((rs, n) -> PaymentService.Result.valueOf(rs.getString(1)))
        .optional();
  }

  @Override
  public boolean settle(
      String paymentId, Payment.Status status, Instant at, String notificationId) {
    return jdbc.sql(
                "UPDATE payment SET status = ?, settled_at = ?, notification_id = ?"
                    + " WHERE id = ? AND status = 'PENDING'")
            .params(status.name(), DbTime.utc(at), notificationId, paymentId)
            .update()
        == 1;
  }

  @Override
  public void saveInvoice(String orderId, Invoice invoice) {
    // update then insert: the same in H2 and PostgreSQL; payment attempts of one order do not race
    // (the order is waiting for payment and the page posts once)
    int updated =
        jdbc.sql(
                "UPDATE order_invoice SET title = ?, tax_number = ?, email = ?,"
                    + " recorded_at = CURRENT_TIMESTAMP WHERE order_id = ?")
            .params(invoice.title(), invoice.taxNumber(), invoice.email(), orderId)
            .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO order_invoice (order_id, title, tax_number, email) VALUES (?, ?, ?, ?)")
          .params(orderId, invoice.title(), invoice.taxNumber(), invoice.email())
          .update();
    }
  }

  @Override
  public Optional<Invoice> invoice(String orderId) {
    return jdbc.sql("SELECT title, tax_number, email FROM order_invoice WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> new Invoice(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  @Override
  public void markClosed(String paymentId, Instant at) {
    jdbc.sql("UPDATE payment SET closed_at = ? WHERE id = ? AND closed_at IS NULL")
        .params(DbTime.utc(at), paymentId)
        .update();
  }

  @Override
  public List<Payment> unclosedOfCancelledOrders(int limit) {
    return jdbc.sql(
            "SELECT p.* FROM payment p JOIN orders o ON o.id = p.order_id"
                + " WHERE p.status = 'PENDING' AND p.closed_at IS NULL AND o.status = 'CANCELLED'"
                + " ORDER BY p.created_at FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .query(JdbcPaymentRepository::payment)
        .list();
  }

  @Override
  public List<Payment> unrefundedOfOrdersCancelledBeforeReview(int limit) {
    return jdbc.sql(
            "SELECT p.* FROM payment p JOIN orders o ON o.id = p.order_id"
                + " WHERE p.status = 'PAID' AND o.status = 'CANCELLED'"
                + " AND NOT EXISTS (SELECT 1 FROM payment_refund r WHERE r.payment_id = p.id)"
                + " AND EXISTS (SELECT 1 FROM order_status_change c WHERE c.order_id = o.id"
                + " AND c.to_status = 'CANCELLED' AND c.from_status IN ('PAID', 'WAITING_FOR_REVIEW'))"
                + " ORDER BY p.created_at FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .query(JdbcPaymentRepository::payment)
        .list();
  }

  @Override
  public boolean insertRefund(Refund r) {
    try {
      return jdbc.sql(
                  "INSERT INTO payment_refund (id, payment_id, order_id, amount_fen, status,"
                      + " provider_refund_id, message, requested_at, updated_at)"
                      + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                      + " (SELECT 1 FROM payment_refund WHERE payment_id = ?)")
              .params(
                  r.id(),
                  r.paymentId(),
                  r.orderId(),
                  r.amountFen(),
                  r.status().name(),
                  r.providerRefundId(),
                  r.message(),
                  DbTime.utc(r.requestedAt()),
                  DbTime.utc(r.updatedAt()),
                  r.paymentId())
              .update()
          == 1;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  @Override
  public Optional<Refund> refund(String refundId) {
    return jdbc.sql("SELECT * FROM payment_refund WHERE id = ?")
        .param(refundId)
        .query(JdbcPaymentRepository::refund)
        .optional();
  }

  @Override
  public List<Refund> refunds(String orderId) {
    return jdbc.sql("SELECT * FROM payment_refund WHERE order_id = ? ORDER BY requested_at")
        .param(orderId)
        .query(JdbcPaymentRepository::refund)
        .list();
  }

  @Override
  public List<Refund> refundsToFollow(Instant before, int limit) {
    return jdbc.sql(
            "SELECT * FROM payment_refund WHERE status = 'PROCESSING'"
                + " OR (status = 'REQUESTED' AND updated_at < ?)"
                + " ORDER BY updated_at FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .param(DbTime.utc(before))
        .query(JdbcPaymentRepository::refund)
        .list();
  }

  @Override
  public boolean updateRefund(
      String refundId, Refund.Status status, String providerRefundId, String message, Instant at) {
    return jdbc.sql(
                "UPDATE payment_refund SET status = ?, provider_refund_id = ?, message = ?,"
                    + " updated_at = ? WHERE id = ? AND status IN ('REQUESTED', 'PROCESSING')")
            .params(
                status.name(),
                providerRefundId,
                message == null
                    ? null
                    : message.length() > 500 ? message.substring(0, 500) : message,
                DbTime.utc(at),
                refundId)
            .update()
        == 1;
  }

  private static Refund refund(ResultSet rs, int row) throws SQLException {
    return new Refund(
        rs.getString("id"),
        rs.getString("payment_id"),
        rs.getString("order_id"),
        rs.getLong("amount_fen"),
        Refund.Status.valueOf(rs.getString("status")),
        rs.getString("provider_refund_id"),
        rs.getString("message"),
        rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static Payment payment(ResultSet rs, int row) throws SQLException {
    OffsetDateTime settled = rs.getObject("settled_at", OffsetDateTime.class);
    OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
    String method = rs.getString("method");
    return new Payment(
        rs.getString("id"),
        rs.getString("order_id"),
        rs.getInt("attempt"),
        rs.getString("channel_id"),
        BusinessType.valueOf(rs.getString("business_type")),
        rs.getLong("amount_fen"),
        method == null ? null : PaymentMethod.valueOf(method),
        Payment.Status.valueOf(rs.getString("status")),
        rs.getString("provider_reference"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        settled == null ? null : settled.toInstant(),
        rs.getString("notification_id"),
        closed == null ? null : closed.toInstant());
  }
}
