package cn.certhall.domain.payment;

import java.util.Objects;
import java.util.Optional;

/**
 * A payment provider (支付渠道): opens a payment at its cashier and later notifies its outcome, which
 * reaches {@link PaymentService#record}. The sandbox is one (see docs/sandbox.md); WeChat Pay and
 * Alipay are adapters whose notifications arrive at their webhooks (docs/providers.md).
 *
 * <p>Every amount is in fen. Every call is a remote call: callers make it outside a database
 * transaction. Implementations never log the payer's personal data or a secret.
 */
public interface PaymentProvider {

  /**
   * Opens the payment {@code request} at the provider.
   *
   * @return where to send the payer (or the code to show), and the provider's reference
   * @throws ProviderUnavailableException when the provider refused or did not answer; nothing is
   *     open then
   */
  Checkout checkout(PaymentRequest request);

  /**
   * Asks the provider what became of a payment (when the payer comes back from the cashier, or a
   * notification is late). The answer goes through {@link PaymentService#record} like a
   * notification; its notification id must be the same for the same outcome, so that it and the
   * provider's own notification are recorded once.
   *
   * @return the outcome, or empty while the provider knows none (not paid yet, or never opened)
   * @throws ProviderUnavailableException when the provider did not answer
   */
  Optional<PaymentNotification> query(PaymentReference payment);

  /**
   * Closes an unpaid payment at the provider, so that it can no longer be paid (the order was
   * cancelled, or a new attempt replaces it). Closing a payment the provider never opened or closed
   * already is {@link CloseOutcome#CLOSED}.
   *
   * @return {@link CloseOutcome#ALREADY_PAID} if the payer paid meanwhile: then {@link #query}
   *     gives the notification to record (and the money is refunded as REFUND_DUE)
   * @throws ProviderUnavailableException when the provider did not answer
   */
  CloseOutcome close(PaymentReference payment);

  /**
   * Refunds a paid payment in full (退款). Idempotent on {@link RefundRequest#refundId()}: asking
   * again with the same id never pays twice, and answers the refund's state.
   *
   * @throws ProviderUnavailableException when the provider did not answer; the refund may or may
   *     not exist then, so it is asked again with the same id
   */
  RefundResult refund(RefundRequest request);

  /**
   * What became of a refund answered {@link RefundResult.Status#PROCESSING}.
   *
   * @throws ProviderUnavailableException when the provider did not answer
   */
  RefundResult refundStatus(RefundRequest request);

  /**
   * What the provider is asked to collect.
   *
   * @param paymentId certhall's id of the payment (the merchant's order number at the provider)
   * @param attempt 1 for the order's first payment, one more for each new try
   * @param subject what the payer sees (证书费用 and the order number)
   * @param payerName the organization paying
   * @param method how the payer chose to pay
   */
  record PaymentRequest(
      String paymentId,
      String orderId,
      int attempt,
      long amountFen,
      String subject,
      String payerName,
      PaymentMethod method) {
    @Override
    public String toString() {
      return "PaymentRequest["
          + paymentId
          + ", "
          + orderId
          + ", attempt "
          + attempt
          + ", "
          + amountFen
          + " fen, "
          + method
          + "]";
    }
  }

  /**
   * A payment as the provider knows it.
   *
   * @param paymentId certhall's id (the merchant's order number at the provider)
   * @param providerReference the provider's id, or null if the checkout never answered
   * @param amountFen what was asked
   * @param method WECHAT, ALIPAY …: which provider holds it
   */
  record PaymentReference(
      String paymentId, String providerReference, long amountFen, PaymentMethod method) {
    public PaymentReference {
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(method, "method");
    }

    public static PaymentReference of(Payment payment) {
      return new PaymentReference(
          payment.id(), payment.providerReference(), payment.amountFen(), payment.method());
    }
  }

  /**
   * Where the payer pays.
   *
   * @param providerReference the provider's id of the payment (may be null until the provider names
   *     it, e.g. WeChat Pay Native names it only in the notification)
   * @param cashierUrl where to send the payer's browser (Alipay's page pay), or null
   * @param qrCodeContent what a QR code on the cashier page must encode for the payer to scan with
   *     a phone (WeChat Pay Native's {@code code_url}), or null
   */
  record Checkout(String providerReference, String cashierUrl, String qrCodeContent) {
    /** A checkout that needs no visit and shows no code (the sandbox). */
    public Checkout(String providerReference, String cashierUrl) {
      this(providerReference, cashierUrl, null);
    }
  }

  enum CloseOutcome {
    /** The payment can no longer be paid. */
    CLOSED,
    /** Paid before it could be closed. */
    ALREADY_PAID
  }

  /**
   * A refund to ask for.
   *
   * @param refundId certhall's id of the refund (the merchant's refund number), unique
   * @param payment the paid payment
   * @param amountFen what to give back (the whole payment)
   * @param reason what the payer reads (e.g. 订单已取消，退还证书费用)
   */
  record RefundRequest(String refundId, PaymentReference payment, long amountFen, String reason) {
    public RefundRequest {
      Objects.requireNonNull(refundId, "refundId");
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(reason, "reason");
      if (amountFen < 1 || amountFen > payment.amountFen()) {
        throw new IllegalArgumentException(
            "a refund gives back between 1 fen and the payment's amount");
      }
    }
  }

  /**
   * The provider's answer about a refund.
   *
   * @param providerRefundId the provider's id of the refund, or null if it has none
   * @param message for FAILED: the provider's reason, in words an operator can act on (no personal
   *     data)
   */
  record RefundResult(Status status, String providerRefundId, String message) {
    public RefundResult {
      Objects.requireNonNull(status, "status");
    }

    public enum Status {
      /** The money is on its way back to the payer. */
      SUCCEEDED,
      /** Accepted, not finished: ask {@link PaymentProvider#refundStatus} later. */
      PROCESSING,
      /** Refused (e.g. the merchant's balance is too low, the payer's account closed). */
      FAILED
    }
  }

  /**
   * The provider refused the call or did not answer (time-out, 5xx, a bad signature on the answer).
   */
  final class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }

    public ProviderUnavailableException(String message) {
      super(message);
    }
  }
}
