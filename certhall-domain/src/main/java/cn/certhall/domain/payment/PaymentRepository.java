package cn.certhall.domain.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Payments and the notifications about them. */
public interface PaymentRepository {

  void insert(Payment payment);

  Optional<Payment> find(String paymentId);

  /** The order's attempts, first first. */
  List<Payment> forOrder(String orderId);

  /** Records the provider's reference once the provider has opened the payment. */
  void setProviderReference(String paymentId, String providerReference);

  /**
   * Records that {@code notification} arrived and what became of it, unless its id was recorded
   * before.
   *
   * @return false if the notification id is known: the notification was handled already
   */
  boolean recordNotification(
      PaymentNotification notification, PaymentService.Result result, Instant receivedAt);

  /** What became of a notification recorded before. */
  Optional<PaymentService.Result> notificationResult(String notificationId);

  /**
   * Settles a PENDING payment.
   *
   * @return false if it is not PENDING any more
   */
  boolean settle(String paymentId, Payment.Status status, Instant at, String notificationId);

  /** Records the order's 开票信息, replacing what an earlier attempt gave. */
  void saveInvoice(String orderId, Invoice invoice);

  /** The order's 开票信息, if given. */
  Optional<Invoice> invoice(String orderId);

  /** Records that the provider closed a PENDING payment (it can no longer be paid). */
  void markClosed(String paymentId, Instant at);

  /** PENDING payments not closed yet whose order was cancelled, oldest first. */
  List<Payment> unclosedOfCancelledOrders(int limit);

  /**
   * PAID payments without a refund whose order was cancelled while waiting for review (after it was
   * paid, before a reviewer took it), oldest first.
   */
  List<Payment> unrefundedOfOrdersCancelledBeforeReview(int limit);

  /**
   * Records a refund, unless its payment has one.
   *
   * @return false if the payment has a refund already
   */
  boolean insertRefund(Refund refund);

  Optional<Refund> refund(String refundId);

  /** The order's refunds, oldest first. */
  List<Refund> refunds(String orderId);

  /** REQUESTED refunds last changed before {@code before} and PROCESSING ones, oldest first. */
  List<Refund> refundsToFollow(Instant before, int limit);

  /**
   * Records the provider's answer about an unsettled refund.
   *
   * @return false if it was settled already (another node, the provider's notification)
   */
  boolean updateRefund(
      String refundId, Refund.Status status, String providerRefundId, String message, Instant at);
}
