package cn.certhall.app.portal;

import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;

/**
 * Where an order of the new unit certificate flow continues (继续办理): the page of the step after
 * its status, at the paths order query's {@code ContinueSteps} expects. Every page of the flow sends an order that is elsewhere to
 * the page it belongs on.
 *
 * <pre>
 * GET  /apply?channelId=…           agreement               POST /apply: accept
 * GET  /apply/form                  the form of this session POST /apply/form: check, store, verify
 * GET  /apply/{order}/form          the order's form and verification again (APPLICATION_FILLED)
 * GET  /apply/{order}/confirm       确认订单 (VERIFIED)      POST …/confirm, POST …/edit (返回修改)
 * GET  /apply/{order}/code          证书授权码 (CONFIRMED)    POST …/code, POST …/code/resend
 * GET  /apply/{order}/next          what comes next (AUTHORIZATION_CODE_ENTERED and later, until
 *                                   the materials step serves /apply/{order}/materials)
 * </pre>
 */
public final class ApplicationSteps {
  private ApplicationSteps() {}

  /** The page where {@code order} continues. */
  public static String pathFor(Order order) {
    return pathFor(order.id(), order.status());
  }

  public static String pathFor(String orderId, OrderStatus status) {
    String base = "/apply/" + orderId;
    return switch (status) {
      case APPLICATION_FILLED -> base + "/form";
      case VERIFIED -> base + "/confirm";
      case CONFIRMED -> base + "/code";
      default -> base + "/next";
    };
  }
}
