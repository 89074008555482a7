package cn.certhall.domain.inactivity;

import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Port: finding inactive orders and remembering which were warned. */
public interface InactiveOrders {

  /** An order and the time of its last change (status move or application change). */
  record Inactive(String orderId, Instant lastActivity) {}

  /**
   * Orders in one of {@code statuses} whose last change was before {@code idleSince} and whose
   * handler has not been warned about this idle spell yet, oldest first.
   */
  List<Inactive> toWarn(Set<OrderStatus> statuses, Instant idleSince, int limit);

  /**
   * Orders in one of {@code statuses} whose last change was before {@code idleSince} and whose
   * handler was warned about this idle spell at or before {@code warnedBefore}, oldest first.
   */
  List<Inactive> toCancel(
      Set<OrderStatus> statuses, Instant idleSince, Instant warnedBefore, int limit);

  /**
   * Records the warning of the idle spell that began at {@code lastActivity}, in the caller's
   * transaction; false (and nothing recorded) when it was recorded before, by this node or another.
   */
  boolean recordWarning(String orderId, Instant lastActivity, Instant warnedAt);
}
