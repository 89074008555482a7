package cn.certhall.domain.orderquery;

import cn.certhall.domain.order.ApplicantId;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * 我的订单 (SPEC 3.5): proving control of an ID number, and what the proof allows — listing, opening,
 * continuing and cancelling that number's orders.
 *
 * <p><b>Who gets the code.</b> The handler (经办人) of the ID number's newest order that passed
 * verification ({@link Order#passedVerification()}): the mobile on file that is most likely still
 * the organization's. An order whose applicant never proved control of the organization (one who
 * only typed its public credit code) decides nothing here, however new it is. The code is keyed by
 * the ID number ({@link CodeKey#orderQuery}), so its lifetime, the 5 wrong tries and the 60 s
 * resend cooldown are those of every SMS code ({@link SmsCodes}).
 *
 * <p><b>No enumeration.</b> For an ID number without orders a code is issued all the same and not
 * delivered ({@link SmsCodes#withhold}): the answer, the cooldown, the daily caps, the wrong tries
 * and the lock behave exactly as for a number with orders, and no entry matches that code. The one
 * difference left is an SMS gateway failure, which only a number with orders can meet (see
 * docs/decisions.md).
 *
 * <p><b>Every call asks again.</b> Each method that touches an order takes the session's {@link
 * OrderQueryAccess} and answers "no such order" ({@link Optional#empty()}) when the access does not
 * hold the order's ID number, exactly as for an order that does not exist.
 */
public final class OrderQuery {
  /** The note in the status history of an order cancelled here. */
  public static final HistoryNote CANCEL_NOTE = HistoryNote.of("history.query.cancelled");

  private final OrderService orders;
  private final SmsCodes sms;
  private final Duration accessLifetime;
  private final Clock clock;

  /**
   * @param accessLifetime how long a passed SMS check lets the session see the ID number's orders
   */
  public OrderQuery(OrderService orders, SmsCodes sms, Duration accessLifetime, Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.sms = Objects.requireNonNull(sms, "sms");
    this.accessLifetime = Objects.requireNonNull(accessLifetime, "accessLifetime");
    if (accessLifetime.isNegative() || accessLifetime.isZero()) {
      throw new IllegalArgumentException("the access lifetime must be positive");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * 获取验证码: a code for the ID number, sent to the handler's mobile of its newest verified order if
   * it has one. See the class comment for why the answer is the same either way.
   *
   * @param idNumber as validated by {@link QueryKind#validate}
   */
  public CodeRequestResult requestCode(String idNumber) {
    String number = ApplicantId.normalize(idNumber);
    CodeKey key = CodeKey.orderQuery(number);
    Optional<String> mobile = handlerMobile(orders.list(number));
    SmsCodeResult sent =
        mobile.isEmpty()
            ? sms.withhold(key, null, key.subject())
            : sms.send(key, mobile.get(), key.subject());
    return switch (sent.status()) {
      case SENT -> new CodeRequestResult(CodeRequestResult.Status.REQUESTED, 0);
      case COOLDOWN ->
          new CodeRequestResult(CodeRequestResult.Status.COOLDOWN, sent.retryAfterSeconds());
      // one answer for every failure: why a number failed would tell that it is on file
      case SMS_UNAVAILABLE, SMS_INVALID_NUMBER, SMS_RATE_LIMITED ->
          new CodeRequestResult(CodeRequestResult.Status.SMS_UNAVAILABLE, 0);
      case LIMIT_REACHED -> new CodeRequestResult(CodeRequestResult.Status.LIMIT_REACHED, 0);
    };
  }

  /** Whole seconds before {@link #requestCode} will issue a code for the ID number; 0: now. */
  public long secondsUntilNextCode(String idNumber) {
    return sms.secondsUntilSend(CodeKey.orderQuery(ApplicantId.normalize(idNumber)));
  }

  /**
   * Checks the entered code; a right one proves the ID number to the session for the access
   * lifetime. The code's format (6 digits) is for the form to check first: anything else is a wrong
   * try here.
   */
  public ProofResult prove(OrderQueryAccess access, String idNumber, String code) {
    Objects.requireNonNull(access, "access");
    String number = ApplicantId.normalize(idNumber);
    CodeCheck check = sms.verify(CodeKey.orderQuery(number), code);
    if (!check.isOk()) {
      return new ProofResult(check, access);
    }
    Instant now = clock.instant();
    return new ProofResult(check, access.withProven(number, now.plus(accessLifetime), now));
  }

  /** The two lists of the ID number, if the session proved it. */
  public Optional<OrderList> list(OrderQueryAccess access, String idNumber) {
    Objects.requireNonNull(access, "access");
    if (!access.hasProven(idNumber, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(orders.list(idNumber));
  }

  /** 订单详情: the order, if it exists and the session proved its ID number. */
  public Optional<Order> open(OrderQueryAccess access, String orderId) {
    Objects.requireNonNull(access, "access");
    if (orderId == null || orderId.isBlank()) {
      return Optional.empty();
    }
    return orders.find(orderId.strip()).filter(order -> access.mayOpen(order, clock.instant()));
  }

  /**
   * 取消订单: cancels the order, which frees its ID number for a new order of its business type, with a
   * line in its status history. Empty when the session may not see the order.
   *
   * @throws MoveNotAllowedException if the order has finished (nothing is changed)
   * @throws ConcurrentOrderChangeException if the order changed while it was cancelled
   */
  public Optional<Order> cancel(OrderQueryAccess access, String orderId) {
    return open(access, orderId).map(order -> orders.cancel(order.id(), CANCEL_NOTE));
  }

  private static Optional<String> handlerMobile(OrderList list) {
    return Stream.concat(list.unfinished().stream(), list.finished().stream())
        .filter(Order::passedVerification)
        .max(Comparator.comparing(Order::createdAt).thenComparing(Order::id))
        .map(order -> order.application().handler().mobile());
  }
}
