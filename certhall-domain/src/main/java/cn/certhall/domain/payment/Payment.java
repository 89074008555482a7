package cn.certhall.domain.payment;

import cn.certhall.domain.order.BusinessType;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to pay an order's fee (支付). An attempt the payer abandons at the cashier stays {@link
 * Status#PENDING}: the provider never says more, and the order is paid with a new attempt.
 *
 * @param method how the payer chose to pay; null for attempts made before the cashier asked
 * @param settledAt when it became PAID or FAILED; null while PENDING
 * @param notificationId the notification that settled it; null while PENDING
 * @param closedAt when a PENDING attempt was closed at its provider (its order cancelled, or a new
 *     attempt); null while it may still be paid
 */
public record Payment(
    String id,
    String orderId,
    int attempt,
    String channelId,
    BusinessType businessType,
    long amountFen,
    PaymentMethod method,
    Status status,
    String providerReference,
    Instant createdAt,
    Instant settledAt,
    String notificationId,
    Instant closedAt) {

  public Payment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(businessType, "businessType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if (attempt < 1 || amountFen < 1) {
      throw new IllegalArgumentException("attempt and amount must be positive");
    }
  }

  /** A PENDING attempt closed at its provider: it will not be paid any more (已关闭). */
  public boolean closed() {
    return status == Status.PENDING && closedAt != null;
  }

  public enum Status {
    /** Opened at the provider, no outcome yet (or abandoned). */
    PENDING,
    PAID,
    FAILED
  }
}
