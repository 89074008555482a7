package cn.certhall.domain.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's word on a payment. Providers send a notification again until it is acknowledged, so
 * the same {@link #notificationId} may arrive many times; it is recorded once.
 *
 * @param notificationId the provider's id of this notification, unique at the provider
 * @param paymentId certhall's id of the payment it is about
 * @param amountFen what the provider says was paid (or tried)
 */
public record PaymentNotification(
    String notificationId, String paymentId, Outcome outcome, long amountFen, Instant at) {

  public PaymentNotification {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    if (notificationId.isBlank() || notificationId.length() > 128) {
      throw new IllegalArgumentException("notification id must have 1 to 128 characters");
    }
  }

  public enum Outcome {
    /** The money was taken. */
    PAID,
    /** The payment was refused (declined card, insufficient funds); the order can be paid again. */
    FAILED
  }
}
