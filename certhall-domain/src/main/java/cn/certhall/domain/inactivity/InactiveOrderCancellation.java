package cn.certhall.domain.inactivity;

import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cancels unfinished orders nobody has touched for {@code idleTime} (30 days by default), after
 * warning their handler by SMS and email {@code noticeBefore} (3 days) ahead. Only orders still in
 * the applicant's hands qualify: every state before 等待审核, and 审核未通过; an order waiting for or past a
 * reviewer's decision is the CA's to finish.
 *
 * <p>An order is cancelled only once its warning is at least {@code noticeBefore} old, so an order
 * found idle far beyond the idle time (the job did not run, or an old database) still gets its
 * notice first. Every step of the order counts as activity and starts a new idle spell, with its
 * own warning.
 *
 * <p><b>Several nodes, restarts.</b> Nothing is kept in memory between runs. A warning is a row
 * unique per order and idle spell, inserted in the transaction that queues the notice, so two nodes
 * queue it once; a cancellation is the order service's versioned update of an order still unchanged
 * since it was found idle, in the transaction that queues its notice, so it and its notice happen
 * once.
 */
public final class InactiveOrderCancellation {
  /** The note in the order's status history and in the audit log. */
  /** 订单超过 {0} 天无任何操作，系统自动取消. */
  public static final String CANCEL_NOTE = "history.inactivity.cancelled";

  /** The states an order may be cancelled in for inactivity. */
  public static final Set<OrderStatus> CANCELLABLE =
      EnumSet.of(
          OrderStatus.APPLICATION_FILLED,
          OrderStatus.VERIFIED,
          OrderStatus.CONFIRMED,
          OrderStatus.AUTHORIZATION_CODE_ENTERED,
          OrderStatus.CERTIFICATE_VERIFIED,
          OrderStatus.MATERIALS_UPLOADED,
          OrderStatus.APPLICATION_SIGNED,
          OrderStatus.PAID,
          OrderStatus.REJECTED);

  private static final int BATCH = 100;

  private final OrderService orders;
  private final InactiveOrders inactive;
  private final Notifications notifications;
  private final Transactions transactions;
  private final Duration idleTime;
  private final Duration noticeBefore;
  private final Clock clock;

  /** What one run did. */
  public record Run(int warned, int cancelled) {}

  public InactiveOrderCancellation(
      OrderService orders,
      InactiveOrders inactive,
      Notifications notifications,
      Transactions transactions,
      Duration idleTime,
      Duration noticeBefore,
      Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.inactive = Objects.requireNonNull(inactive, "inactive");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.idleTime = Objects.requireNonNull(idleTime, "idleTime");
    this.noticeBefore = Objects.requireNonNull(noticeBefore, "noticeBefore");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (noticeBefore.isNegative() || noticeBefore.compareTo(idleTime) >= 0) {
      throw new IllegalArgumentException(
          "the notice must come after the last activity and before the cancellation");
    }
    if (idleTime.toDays() < 1) {
      throw new IllegalArgumentException("the idle time must be at least a day");
    }
  }

  /** One pass: warnings due, then cancellations due. */
  public Run run() {
    Instant now = clock.instant();
    int warned = 0;
    for (InactiveOrders.Inactive order :
        inactive.toWarn(CANCELLABLE, now.minus(idleTime).plus(noticeBefore), BATCH)) {
      if (warn(order, now)) {
        warned++;
      }
    }
    int cancelled = 0;
    for (InactiveOrders.Inactive order :
        inactive.toCancel(CANCELLABLE, now.minus(idleTime), now.minus(noticeBefore), BATCH)) {
      if (cancel(order)) {
        cancelled++;
      }
    }
    return new Run(warned, cancelled);
  }

  private boolean warn(InactiveOrders.Inactive idle, Instant now) {
    return transactions.inTransaction(
        () -> {
          if (!inactive.recordWarning(idle.orderId(), idle.lastActivity(), now)) {
            return false;
          }
          Optional<Order> order = orders.find(idle.orderId());
          order.ifPresent(o -> notifications.cancellationAhead(o, cancellationTime(idle, now)));
          return order.isPresent();
        });
  }

  /** Not before the idle time is over, and not before the notice period after the warning. */
  private Instant cancellationTime(InactiveOrders.Inactive idle, Instant warnedAt) {
    Instant byIdle = idle.lastActivity().plus(idleTime);
    Instant byNotice = warnedAt.plus(noticeBefore);
    return byIdle.isAfter(byNotice) ? byIdle : byNotice;
  }

  private boolean cancel(InactiveOrders.Inactive idle) {
    try {
      return transactions.inTransaction(
          () -> {
            Optional<Order> cancelled =
                orders.cancelInactive(
                    idle.orderId(),
                    idle.lastActivity(),
                    HistoryNote.of(CANCEL_NOTE, Long.toString(idleTime.toDays())));
            cancelled.ifPresent(o -> notifications.cancelledForInactivity(o, idleTime.toDays()));
            return cancelled.isPresent();
          });
    } catch (ConcurrentOrderChangeException e) {
      // another node cancelled it, or the applicant acted, between our read and our update
      return false;
    }
  }
}
