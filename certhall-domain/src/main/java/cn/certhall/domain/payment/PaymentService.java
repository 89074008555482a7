package cn.certhall.domain.payment;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.payment.PaymentProvider.ProviderUnavailableException;
import cn.certhall.domain.payment.PaymentProvider.RefundRequest;
import cn.certhall.domain.payment.PaymentProvider.RefundResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 支付 (SPEC 3.1 step 8): opens a payment of the order's fee at the provider, and records the
 * provider's notifications on the order through its state machine. A paid order is submitted at
 * once: it moves to {@code PAID} and on to {@code WAITING_FOR_REVIEW} in one transaction, so the
 * review clock starts when the money arrives. An order with no fee to pay is submitted by {@link
 * #pay} directly. A failed or abandoned payment leaves the order where it was: it can be paid later
 * from order query (继续办理), with a new attempt.
 *
 * <p>Notifications are idempotent on the provider's notification id: the second delivery of a
 * notification changes nothing and answers what the first one did.
 *
 * <p>Each method is served by its provider ({@link PaymentProviders}). After the money: a payer
 * back from the cashier has the provider asked ({@link #refresh}); an order's unpaid attempts are
 * closed at their provider once it is cancelled, and a paid order cancelled before review, or money
 * that arrived for an order no longer waiting for it, is refunded in full ({@link Refund}). A
 * provider that does not answer never blocks a cancellation: {@link #settle}, run by a job, closes
 * and refunds what is left and follows refunds until the provider settles them. Remote calls are
 * made outside transactions; each step's record is one transaction.
 */
public final class PaymentService {
  /** What the payer reads on the refund of a cancelled order's payment. */
  /** A paid order goes on to review at once (待审核). */
  static final HistoryNote SUBMITTED_NOTE = HistoryNote.of("history.payment.submitted");

  private static final String CANCELLED_REFUND_REASON = "订单已取消，退还证书费用";

  private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

  private final OrderService orderService;
  private final OrderRepository orders;
  private final PaymentRepository payments;
  private static final System.Logger LOG = System.getLogger(PaymentService.class.getName());

  /**
   * A REQUESTED refund is asked again by {@link #settle} once it is this old (not while a request
   * runs).
   */
  private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private static final int BATCH = 50;

  private final PaymentProviders providers;
  private final AuditLog audit;
  private final FeeSchedule fees;
  private final Transactions transactions;
  private final SecureRandom random;
  private final Clock clock;

  public PaymentService(
      OrderService orderService,
      OrderRepository orders,
      PaymentRepository payments,
      PaymentProviders providers,
      FeeSchedule fees,
      Transactions transactions,
      SecureRandom random,
      Clock clock,
      AuditLog audit) {
    this.orderService = Objects.requireNonNull(orderService, "orderService");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.providers = Objects.requireNonNull(providers, "providers");
    this.audit = Objects.requireNonNull(audit, "audit");
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
  public record Started(
      Optional<Payment> payment, Optional<PaymentProvider.Checkout> checkout, Order order) {}

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
   * Pays the order's fee with {@code method}: records the order's 开票信息 and opens a new attempt at
   * the provider, or submits the order at once when the fee is 0 (or the business has no payment
   * step; then {@code method} and {@code invoice} may be null and are not kept).
   *
   * @throws OrderNotFoundException if there is no such order
   * @throws cn.certhall.domain.order.MoveNotAllowedException if the order is not waiting for
   *     payment
   */
  public Started pay(String orderId, PaymentMethod method, Invoice invoice) {
    record Opened(Payment payment, String payerName) {}
    Opened opened =
        transactions.inTransaction(
            () -> {
              Order order =
                  orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
              long fee = fees.feeFor(order.channelId(), order.businessType());
              if (fee == 0 || !order.workflow().allows(order.status(), OrderStatus.PAID)) {
                return null;
              }
              Objects.requireNonNull(method, "method");
              Objects.requireNonNull(invoice, "invoice");
              providers.of(method);
              int attempt = payments.forOrder(orderId).size() + 1;
              Payment payment =
                  new Payment(
                      newPaymentId(),
                      orderId,
                      attempt,
                      order.channelId(),
                      order.businessType(),
                      fee,
                      method,
                      Payment.Status.PENDING,
                      null,
                      now(),
                      null,
                      null,
                      null);
              payments.insert(payment);
              payments.saveInvoice(orderId, invoice);
              return new Opened(payment, order.application().organizationName());
            });
    if (opened == null) {
      Order submitted =
          orderService.move(
              orderId, OrderStatus.WAITING_FOR_REVIEW, HistoryNote.of("history.payment.free"));
      return new Started(Optional.empty(), Optional.empty(), submitted);
    }
    Payment payment = opened.payment();
    // outside a transaction: the provider is a remote call (and the sandbox's notification
    // comes back through record() before this returns)
    PaymentProvider.Checkout checkout =
        providers
            .of(method)
            .checkout(
                new PaymentProvider.PaymentRequest(
                    payment.id(),
                    orderId,
                    payment.attempt(),
                    payment.amountFen(),
                    "证书费用 订单号 " + orderId,
                    opened.payerName(),
                    method));
    return transactions.inTransaction(
        () -> {
          payments.setProviderReference(payment.id(), checkout.providerReference());
          return new Started(
              payments.find(payment.id()),
              Optional.of(checkout),
              orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)));
        });
  }

  /**
   * Records a provider's notification: settles the payment and, when paid, submits the order. Safe
   * to call again with the same notification.
   */
  public Recorded record(PaymentNotification notification) {
    Recorded recorded =
        transactions.inTransaction(
            () -> {
              Optional<Result> before = payments.notificationResult(notification.notificationId());
              if (before.isPresent()) {
                return new Recorded(before.get(), true);
              }
              Result result = apply(notification);
              if (!payments.recordNotification(notification, result, now())) {
                throw new IllegalStateException(
                    "notification "
                        + notification.notificationId()
                        + " is being recorded by another request");
              }
              return new Recorded(result, false);
            });
    if (recorded.result() == Result.REFUND_DUE && !recorded.duplicate()) {
      transactions
          .inTransaction(() -> payments.find(notification.paymentId()))
          .flatMap(
              p ->
                  refundsOf(p.orderId()).stream()
                      .filter(r -> r.paymentId().equals(p.id()))
                      .findFirst())
          .ifPresent(this::follow);
    }
    return recorded;
  }

  /**
   * 查询支付结果: the payer came back from the cashier (or opened the order) while an attempt is PENDING:
   * its provider is asked, and what it knows is recorded as its notification would be. A provider
   * that does not answer changes nothing (its notification still comes).
   *
   * @return what was recorded, one per attempt the provider knew an outcome of
   */
  public List<Recorded> refresh(String orderId) {
    List<Recorded> recorded = new ArrayList<>();
    for (Payment p : payments(orderId)) {
      Optional<PaymentProvider> provider = providers.forMethod(p.method());
      if (p.status() != Payment.Status.PENDING || provider.isEmpty()) {
        continue;
      }
      try {
        provider
            .get()
            .query(PaymentProvider.PaymentReference.of(p))
            .map(this::record)
            .ifPresent(recorded::add);
      } catch (ProviderUnavailableException e) {
        LOG.log(
            System.Logger.Level.INFO,
            "payment {0}: query not answered: {1}",
            p.id(),
            e.getMessage());
      }
    }
    return recorded;
  }

  /**
   * After {@code orderId} was cancelled (取消订单): closes its unpaid attempts at their provider and,
   * if it was paid and cancelled before review, refunds it. What a provider does not answer now is
   * left to {@link #settle}.
   */
  public void cancelled(String orderId) {
    Order order =
        transactions
            .inTransaction(() -> orders.find(orderId))
            .orElseThrow(() -> new OrderNotFoundException(orderId));
    if (order.status() != OrderStatus.CANCELLED) {
      return;
    }
    boolean beforeReview = cancelledBeforeReview(order);
    for (Payment p : payments(orderId)) {
      if (p.status() == Payment.Status.PENDING) {
        close(p);
      } else if (p.status() == Payment.Status.PAID && beforeReview) {
        requestRefund(p, CANCELLED_REFUND_REASON);
      }
    }
  }

  /**
   * The job's round (every node, one at a time): closes the unpaid attempts of cancelled orders,
   * refunds paid orders cancelled before review, asks again about refunds the provider did not take
   * yet and polls those it is processing.
   */
  public void settle() {
    transactions
        .inTransaction(() -> payments.unclosedOfCancelledOrders(BATCH))
        .forEach(this::close);
    transactions
        .inTransaction(() -> payments.unrefundedOfOrdersCancelledBeforeReview(BATCH))
        .forEach(p -> requestRefund(p, CANCELLED_REFUND_REASON));
    transactions
        .inTransaction(() -> payments.refundsToFollow(now().minus(RETRY_AFTER), BATCH))
        .forEach(this::follow);
  }

  /** The order's refunds, oldest first (我的订单, the console's order page). */
  public List<Refund> refundsOf(String orderId) {
    return transactions.inTransaction(() -> payments.refunds(orderId));
  }

  /**
   * The provider's own word on a refund (its refund notification): settles it like a poll.
   *
   * @return false if no such refund, or settled already
   */
  public boolean recordRefund(String refundId, RefundResult result) {
    return transactions.inTransaction(
        () -> {
          Optional<Refund> refund = payments.refund(refundId);
          return refund.isPresent() && update(refund.get(), result);
        });
  }

  private void close(Payment p) {
    Optional<PaymentProvider> provider = providers.forMethod(p.method());
    if (provider.isEmpty()) {
      // an attempt from before the cashier asked, or of a provider no longer configured
      transactions.inTransaction(
          () -> {
            payments.markClosed(p.id(), now());
            return null;
          });
      return;
    }
    PaymentProvider.PaymentReference reference = PaymentProvider.PaymentReference.of(p);
    try {
      if (provider.get().close(reference) == PaymentProvider.CloseOutcome.ALREADY_PAID) {
        // paid meanwhile: recorded as REFUND_DUE, which refunds it
        Optional<PaymentNotification> paid = provider.get().query(reference);
        if (paid.isEmpty()) {
          return;
        }
        record(paid.get());
      }
      transactions.inTransaction(
          () -> {
            payments.markClosed(p.id(), now());
            return null;
          });
    } catch (ProviderUnavailableException e) {
      LOG.log(
          System.Logger.Level.WARNING, "payment {0}: not closed yet: {1}", p.id(), e.getMessage());
    }
  }

  private void requestRefund(Payment p, String reason) {
    Refund refund = transactions.inTransaction(() -> newRefund(p, reason));
    if (refund != null) {
      follow(refund);
    }
  }

  /** Records the refund of {@code p} in the running transaction; null if it has one already. */
  private Refund newRefund(Payment p, String reason) {
    Instant now = now();
    Refund refund =
        new Refund(
            newId("RF"),
            p.id(),
            p.orderId(),
            p.amountFen(),
            Refund.Status.REQUESTED,
            null,
            null,
            now,
            now);
    if (!payments.insertRefund(refund)) {
      return null;
    }
    audit.record(
        Actor.SYSTEM,
        AuditAction.PAYMENT_REFUND_REQUESTED,
        p.orderId(),
        refund.id()
            + " of payment "
            + p.id()
            + ", "
            + FeeSchedule.yuan(p.amountFen())
            + " 元: "
            + reason);
    return refund;
  }

  /**
   * Asks the provider for a REQUESTED refund, or about a PROCESSING one, and records its answer.
   */
  private void follow(Refund refund) {
    Optional<Payment> payment = transactions.inTransaction(() -> payments.find(refund.paymentId()));
    Optional<PaymentProvider> provider = payment.flatMap(p -> providers.forMethod(p.method()));
    if (payment.isEmpty() || provider.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING, "refund {0}: no provider serves its payment", refund.id());
      return;
    }
    RefundRequest request =
        new RefundRequest(
            refund.id(),
            PaymentProvider.PaymentReference.of(payment.get()),
            refund.amountFen(),
            "退还证书费用 订单号 " + refund.orderId());
    try {
      RefundResult result =
          refund.status() == Refund.Status.PROCESSING
              ? provider.get().refundStatus(request)
              : provider.get().refund(request);
      transactions.inTransaction(() -> update(refund, result));
    } catch (ProviderUnavailableException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "refund {0}: not answered yet: {1}",
          refund.id(),
          e.getMessage());
      transactions.inTransaction(
          () ->
              payments.updateRefund(
                  refund.id(), refund.status(), refund.providerRefundId(), null, now()));
    }
  }

  private boolean update(Refund refund, RefundResult result) {
    Refund.Status status = Refund.Status.valueOf(result.status().name());
    String providerId =
        result.providerRefundId() != null ? result.providerRefundId() : refund.providerRefundId();
    if (!payments.updateRefund(refund.id(), status, providerId, result.message(), now())) {
      return false;
    }
    if (status.settled()) {
      audit.record(
          Actor.SYSTEM,
          AuditAction.PAYMENT_REFUND_SETTLED,
          refund.orderId(),
          refund.id() + " " + status + (result.message() == null ? "" : ": " + result.message()));
    }
    return true;
  }

  /**
   * Cancelled while paid and waiting for review: its last move was from PAID or WAITING_FOR_REVIEW.
   */
  private static boolean cancelledBeforeReview(Order order) {
    List<StatusChange> history = order.history();
    StatusChange last = history.get(history.size() - 1);
    return last.to() == OrderStatus.CANCELLED
        && (last.from() == OrderStatus.WAITING_FOR_REVIEW || last.from() == OrderStatus.PAID);
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
        n.outcome() == PaymentNotification.Outcome.PAID
            ? Payment.Status.PAID
            : Payment.Status.FAILED;
    if (!payments.settle(payment.id(), status, now(), n.notificationId())) {
      return Result.ALREADY_SETTLED;
    }
    if (status == Payment.Status.FAILED) {
      return Result.FAILED;
    }
    Order order =
        orders
            .find(payment.orderId())
            .orElseThrow(() -> new OrderNotFoundException(payment.orderId()));
    if (!order.workflow().allows(order.status(), OrderStatus.PAID)) {
      newRefund(payment, "支付到账时订单已不在待支付状态，退还该笔款项");
      return Result.REFUND_DUE;
    }
    orderService.move(
        order.id(),
        OrderStatus.PAID,
        HistoryNote.of("history.payment.paid", FeeSchedule.yuan(payment.amountFen())));
    orderService.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, SUBMITTED_NOTE);
    return Result.SUBMITTED;
  }

  /** {@code PY} + 20 characters from {@link SecureRandom}: 100 bits, unguessable. */
  private String newPaymentId() {
    return newId("PY");
  }

  private String newId(String prefix) {
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 20; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
