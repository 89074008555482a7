package cn.certhall.app.sandbox;

import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sandbox cashier (沙箱支付). It decides each payment by fixed rules (docs/sandbox.md) and notifies
 * the outcome at once, as a real provider would later through its webhook: on the <b>first</b>
 * attempt of an order, a payer (organization) name containing {@code 支付失败} fails and one containing
 * {@code 放弃支付} is abandoned (no notification ever comes); every other payment, and every later
 * attempt, is paid. So a tester sees a failure or an abandonment and then pays the order again from
 * order query. Notification ids are {@code SBX-} + the payment id, the same on every delivery, as a
 * provider's retries are.
 *
 * <p>At the portal's cashier the tester chooses the outcome instead (成功, 失败, 放弃; issue 16 point
 * 16): the cashier passes the choice through {@link #choose} just before it pays, and the next
 * checkout of that order follows it. The name rules remain for an attempt made without a choice (a
 * script posting the payment form without the sandbox field).
 */
public final class SandboxPaymentProvider implements PaymentProvider {
  static final String FAIL = "支付失败";
  static final String ABANDON = "放弃支付";

  private final Clock clock;
  private final Map<String, Choice> choices = new ConcurrentHashMap<>();
  private volatile Consumer<PaymentNotification> notifications;

  /** What the tester chose at the sandbox cashier. */
  public enum Choice {
    PAID,
    FAILED,
    ABANDONED
  }

  public SandboxPaymentProvider(Clock clock) {
    this.clock = clock;
  }

  /** Where notifications go: the payment service's {@code record}. */
  public void deliverTo(Consumer<PaymentNotification> notifications) {
    this.notifications = Objects.requireNonNull(notifications, "notifications");
  }

  /** The outcome the next checkout of {@code orderId} takes, in place of the name rules. */
  public void choose(String orderId, Choice choice) {
    choices.put(
        Objects.requireNonNull(orderId, "orderId"), Objects.requireNonNull(choice, "choice"));
  }

  @Override
  public Checkout checkout(PaymentRequest request) {
    Consumer<PaymentNotification> target = notifications;
    if (target == null) {
      throw new IllegalStateException("sandbox payments are not connected to the payment service");
    }
    String reference = "SBX-" + request.paymentId();
    Checkout checkout = new Checkout(reference, null);
    Choice choice = choices.remove(request.orderId());
    if (choice == null) {
      choice = byName(request);
    }
    if (choice == Choice.ABANDONED) {
      return checkout;
    }
    PaymentNotification.Outcome outcome =
        choice == Choice.FAILED
            ? PaymentNotification.Outcome.FAILED
            : PaymentNotification.Outcome.PAID;
    target.accept(notification(request, outcome));
    return checkout;
  }

  private static Choice byName(PaymentRequest request) {
    boolean first = request.attempt() == 1;
    String payer = request.payerName() == null ? "" : request.payerName();
    if (first && payer.contains(ABANDON)) {
      return Choice.ABANDONED;
    }
    return first && payer.contains(FAIL) ? Choice.FAILED : Choice.PAID;
  }

  /** The sandbox knows no more than it notified at once. */
  @Override
  public Optional<PaymentNotification> query(PaymentReference payment) {
    return Optional.empty();
  }

  @Override
  public CloseOutcome close(PaymentReference payment) {
    return CloseOutcome.CLOSED;
  }

  /** The sandbox refunds at once; its refund id is {@code SBX-} + certhall's. */
  @Override
  public RefundResult refund(RefundRequest request) {
    return new RefundResult(RefundResult.Status.SUCCEEDED, "SBX-" + request.refundId(), null);
  }

  @Override
  public RefundResult refundStatus(RefundRequest request) {
    return refund(request);
  }

  /** The notification the sandbox sends for {@code request}; again for a redelivery. */
  public PaymentNotification notification(
      PaymentRequest request, PaymentNotification.Outcome outcome) {
    return new PaymentNotification(
        "SBX-" + request.paymentId(),
        request.paymentId(),
        outcome,
        request.amountFen(),
        clock.instant());
  }
}
