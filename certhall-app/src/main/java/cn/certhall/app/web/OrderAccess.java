package cn.certhall.app.web;

import cn.certhall.domain.order.ApplicantId;
import cn.certhall.domain.order.Order;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may open an order's pages: a browser session that created the order, or one that passed
 * the SMS check of 我的订单 for the order's ID number (SPEC 3.5). Every page of an order asks
 * {@link #mayOpen} again; an order id alone (in a URL) opens nothing.
 *
 * <p>Granting access changes the session id, so that a session id someone planted before (session
 * fixation) does not gain the order.
 */
@Component
public class OrderAccess {
  static final String ORDERS = OrderAccess.class.getName() + ".orders";
  static final String ID_NUMBERS = OrderAccess.class.getName() + ".idNumbers";

  /** This session created the order (or continues it after a check of its own). */
  public void allowOrder(HttpServletRequest request, String orderId) {
    add(request, ORDERS, orderId);
  }

  /** This session passed the order query's SMS check for {@code idNumber}. */
  public void allowIdNumber(HttpServletRequest request, String idNumber) {
    add(request, ID_NUMBERS, ApplicantId.normalize(idNumber));
  }

  public boolean mayOpen(HttpServletRequest request, Order order) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    return set(session, ORDERS).contains(order.id())
        || set(session, ID_NUMBERS).contains(order.applicant().number());
  }

  private static void add(HttpServletRequest request, String attribute, String value) {
    HttpSession session = request.getSession(true);
    Set<String> values = new HashSet<>(set(session, attribute));
    if (values.add(value)) {
      request.changeSessionId();
      request.getSession().setAttribute(attribute, Set.copyOf(values));
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> set(HttpSession session, String attribute) {
    Object value = session.getAttribute(attribute);
    return value instanceof Set<?> set ? (Set<String>) set : Set.of();
  }
}
