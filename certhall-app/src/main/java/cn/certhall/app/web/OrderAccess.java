package cn.certhall.app.web;

import cn.certhall.domain.order.Order;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may open an order's pages: a browser session that created the order or chose 继续办理 for it, or
 * one whose SMS check of 我的订单 for the order's ID number still counts (SPEC 3.5, {@link
 * OrderQuerySession}). Every page of an order asks {@link #mayOpen} again; an order id alone (in a
 * URL) opens nothing.
 *
 * <p>Granting access changes the session id, so that a session id someone planted before (session
 * fixation) does not gain the order.
 */
@Component
public class OrderAccess {
  static final String ORDERS = OrderAccess.class.getName() + ".orders";

  private final Clock clock;

  public OrderAccess(Clock clock) {
    this.clock = clock;
  }

  /** This session created the order, or continues it after the order query's check. */
  public void allowOrder(HttpServletRequest request, String orderId) {
    HttpSession session = request.getSession(true);
    Set<String> orders = new HashSet<>(orders(session));
    if (orders.add(orderId)) {
      request.changeSessionId();
      request.getSession().setAttribute(ORDERS, Set.copyOf(orders));
    }
  }

  public boolean mayOpen(HttpServletRequest request, Order order) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    return orders(session).contains(order.id())
        || OrderQuerySession.access(request).mayOpen(order, clock.instant());
  }

  @SuppressWarnings("unchecked")
  private static Set<String> orders(HttpSession session) {
    Object value = session.getAttribute(ORDERS);
    return value instanceof Set<?> set ? (Set<String>) set : Set.of();
  }
}
