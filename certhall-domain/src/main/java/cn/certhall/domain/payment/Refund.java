package cn.certhall.domain.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * Giving a paid payment's money back in full (退款): when its order was cancelled before review, or
 * the money arrived for an order no longer waiting for it ({@link
 * PaymentService.Result#REFUND_DUE}). One per payment.
 *
 * @param id certhall's refund number at the provider ({@code RF} + 20 characters)
 * @param providerRefundId the provider's id, once it named one
 * @param message the provider's reason for a FAILED refund (for operators), or null
 * @param updatedAt the last change (the request, the provider's answer)
 */
public record Refund(
    String id,
    String paymentId,
    String orderId,
    long amountFen,
    Status status,
    String providerRefundId,
    String message,
    Instant requestedAt,
    Instant updatedAt) {

  public Refund {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public enum Status {
    /** Recorded; the provider has not accepted it yet (asked again until it answers). */
    REQUESTED,
    /** Accepted by the provider, money on its way; polled until settled. */
    PROCESSING,
    SUCCEEDED,
    /** The provider refused it: an operator acts on {@link #message}. */
    FAILED;

    public boolean settled() {
      return this == SUCCEEDED || this == FAILED;
    }
  }
}
