package cn.certhall.domain.payment;

import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 支付 (SPEC 3.1 step 8): opens a payment of the order's fee at the provider, and records the
 * provider's notifications on the order through its state machine. A paid order is submitted at
 * once: it moves to {@code PAID} and on to {@code WAITING_FOR_REVIEW} in one transaction, so the
 * review clock starts when the money arrives. An order with no fee to pay is submitted by
 * {@link #pay} directly. A failed or abandoned payment leaves the order where it was: it can be paid
 * later from order query (继续办理), with a new attempt.
 *
 * <p>Notifications are idempotent on the provider's notification id: the second delivery of a
 * notification changes nothing and answers what the first one did.
 */
public final class PaymentService {
    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final OrderService orderService;
    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final FeeSchedule fees;
    private final Transactions transactions;
    private final SecureRandom random;
    private final Clock clock;

    public PaymentService(
            OrderService orderService,
            OrderRepository orders,
            PaymentRepository payments,
            PaymentProvider provider,
            FeeSchedule fees,
            Transactions transactions,
            SecureRandom random,
            Clock clock) {
        this.orderService = Objects.requireNonNull(orderService, "orderService");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.fees = Objects.requireNonNull(fees, "fees");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What {@link #pay} did.
     *
     * @param payment the attempt opened; empty when there was nothing to pay
     * @param checkout where to send the payer; empty when there was nothing to pay
     * @param order the order afterwards (submitted, when there was nothing to pay)
     */
    public record Started(Optional<Payment> payment, Optional<PaymentProvider.Checkout> checkout, Order order) {}

    /** What became of a notification. */
    public enum Result {
        /** Paid: the order moved to PAID and WAITING_FOR_REVIEW. */
        SUBMITTED,
        /** The payment failed; the order can be paid again. */
        FAILED,
        /**
         * Paid, but the order was no longer waiting for payment (cancelled meanwhile, or paid by
         * another attempt): the money is due back (退款), the order is unchanged.
         */
        REFUND_DUE,
        /** The amount is not the payment's: nothing changed; to be looked into. */
        AMOUNT_MISMATCH,
        /** No such payment: nothing changed. */
        UNKNOWN_PAYMENT,
        /** A second, different notification about a payment already settled: nothing changed. */
        ALREADY_SETTLED
    }

    /**
     * The answer to a notification.
     *
     * @param duplicate whether this notification id was handled before (then nothing changed now)
     */
    public record Recorded(Result result, boolean duplicate) {}

    /**
     * Pays the order's fee with {@code method}: records the order's 开票信息 and opens a new attempt
     * at the provider, or submits the order at once when the fee is 0 (or the business has no
     * payment step; then {@code method} and {@code invoice} may be null and are not kept).
     *
     * @throws OrderNotFoundException if there is no such order
     * @throws cn.certhall.domain.order.MoveNotAllowedException if the order is not waiting for payment
     */
    public Started pay(String orderId, PaymentMethod method, Invoice invoice) {
        record Opened(Payment payment, String payerName) {}
        Opened opened = transactions.inTransaction(() -> {
            Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            long fee = fees.feeFor(order.channelId(), order.businessType());
            if (fee == 0 || !order.workflow().allows(order.status(), OrderStatus.PAID)) {
                return null;
            }
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(invoice, "invoice");
            int attempt = payments.forOrder(orderId).size() + 1;
            Payment payment = new Payment(
                    newPaymentId(), orderId, attempt, order.channelId(), order.businessType(), fee,
                    method, Payment.Status.PENDING, null, now(), null, null);
            payments.insert(payment);
            payments.saveInvoice(orderId, invoice);
            return new Opened(payment, order.application().organizationName());
        });
        if (opened == null) {
            Order submitted = orderService.move(orderId, OrderStatus.WAITING_FOR_REVIEW, HistoryNote.of("history.payment.free"));
            return new Started(Optional.empty(), Optional.empty(), submitted);
        }
        Payment payment = opened.payment();
        // outside a transaction: the provider is a remote call (and the sandbox's notification
        // comes back through record() before this returns)
        PaymentProvider.Checkout checkout = provider.checkout(new PaymentProvider.PaymentRequest(
                payment.id(),
                orderId,
                payment.attempt(),
                payment.amountFen(),
                "证书费用 订单号 " + orderId,
                opened.payerName(),
                method));
        return transactions.inTransaction(() -> {
            payments.setProviderReference(payment.id(), checkout.providerReference());
            return new Started(
                    payments.find(payment.id()),
                    Optional.of(checkout),
                    orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)));
        });
    }

    /**
     * Records a provider's notification: settles the payment and, when paid, submits the order.
     * Safe to call again with the same notification.
     */
    public Recorded record(PaymentNotification notification) {
        return transactions.inTransaction(() -> {
            Optional<Result> before = payments.notificationResult(notification.notificationId());
            if (before.isPresent()) {
                return new Recorded(before.get(), true);
            }
            Result result = apply(notification);
            if (!payments.recordNotification(notification, result, now())) {
                throw new IllegalStateException(
                        "notification " + notification.notificationId() + " is being recorded by another request");
            }
            return new Recorded(result, false);
        });
    }

    /** The order's payment attempts, first first. */
    public List<Payment> payments(String orderId) {
        return transactions.inTransaction(() -> payments.forOrder(orderId));
    }

    /** The attempt that paid the order, if one did: what its 支付凭证 (receipt) shows. */
    public Optional<Payment> paid(String orderId) {
        return payments(orderId).stream().filter(p -> p.status() == Payment.Status.PAID).findFirst();
    }

    /** The order's 开票信息, if it was given at the payment step. */
    public Optional<Invoice> invoice(String orderId) {
        return transactions.inTransaction(() -> payments.invoice(orderId));
    }

    /** The fee an order pays, in fen. */
    public long feeOf(Order order) {
        return fees.feeFor(order.channelId(), order.businessType());
    }

    private Result apply(PaymentNotification n) {
        Optional<Payment> found = payments.find(n.paymentId());
        if (found.isEmpty()) {
            return Result.UNKNOWN_PAYMENT;
        }
        Payment payment = found.get();
        if (payment.status() != Payment.Status.PENDING) {
            return Result.ALREADY_SETTLED;
        }
        if (n.amountFen() != payment.amountFen()) {
            return Result.AMOUNT_MISMATCH;
        }
        Payment.Status status =
                n.outcome() == PaymentNotification.Outcome.PAID ? Payment.Status.PAID : Payment.Status.FAILED;
        if (!payments.settle(payment.id(), status, now(), n.notificationId())) {
            return Result.ALREADY_SETTLED;
        }
        if (status == Payment.Status.FAILED) {
            return Result.FAILED;
        }
        Order order = orders.find(payment.orderId()).orElseThrow(() -> new OrderNotFoundException(payment.orderId()));
        if (!order.workflow().allows(order.status(), OrderStatus.PAID)) {
            return Result.REFUND_DUE;
        }
        orderService.move(order.id(), OrderStatus.PAID,
                HistoryNote.of("history.payment.paid", FeeSchedule.yuan(payment.amountFen())));
        orderService.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, null);
        return Result.SUBMITTED;
    }

    /** {@code PY} + 20 characters from {@link SecureRandom}: 100 bits, unguessable. */
    private String newPaymentId() {
        StringBuilder id = new StringBuilder("PY");
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
