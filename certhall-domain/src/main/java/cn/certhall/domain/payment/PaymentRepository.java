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
    boolean recordNotification(PaymentNotification notification, PaymentService.Result result, Instant receivedAt);

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
}
