package cn.certhall.app.web;

import cn.certhall.domain.orderquery.OrderQueryAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where a browser session keeps its {@link OrderQueryAccess}: a session attribute, never a cookie
 * value or a URL of its own. Every order page reads it afresh.
 */
public final class OrderQuerySession {
  static final String ATTRIBUTE = OrderQueryAccess.class.getName();

  private OrderQuerySession() {}

  /** What the session proved; {@link OrderQueryAccess#none()} without a session. */
  public static OrderQueryAccess access(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return OrderQueryAccess.none();
    }
    return session.getAttribute(ATTRIBUTE) instanceof OrderQueryAccess access
        ? access
        : OrderQueryAccess.none();
  }

  /**
   * Keeps a widened access. The session id changes first, so that an id someone planted in the
   * browser before the check (session fixation) does not gain the orders.
   */
  public static void widen(HttpServletRequest request, OrderQueryAccess access) {
    request.getSession(true);
    request.changeSessionId();
    request.getSession().setAttribute(ATTRIBUTE, access);
  }
}
