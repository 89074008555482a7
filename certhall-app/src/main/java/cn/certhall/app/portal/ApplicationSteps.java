package cn.certhall.app.portal;

import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;

/**
 * Where an order of the new unit certificate flow continues (继续办理): the page of the step after its
 * status, at the paths order query's {@code ContinueSteps} expects. Every status has its page;
 * every page of the flow sends an order that is elsewhere to the page it belongs on.
 *
 * <pre>
 * GET  /apply?channelId=…           agreement               POST /apply: accept
 * GET  /apply/form                  the form of this session POST /apply/form: check, store, verify
 * GET  /apply/{order}/form          the order's form and verification again (APPLICATION_FILLED; and
 *                                   REJECTED: 返回修改, only the checks its changes need)
 * GET  /apply/{order}/confirm       确认订单 (VERIFIED)      POST …/confirm, POST …/edit (返回修改)
 * GET  /apply/{order}/code          证书授权码 (CONFIRMED)    POST …/code, POST …/code/resend
 * GET  /apply/{order}/materials     资料上传 (AUTHORIZATION_CODE_ENTERED; REJECTED: the reason, re-upload,
 *                                   POST …/edit for 返回修改 of the form)
 *                                   POST …/materials/{kind} (multipart), POST …/materials/complete
 * GET  /apply/{order}/templates/authorization-letter.pdf, …/seal-collection-form.pdf (pre-filled)
 * GET  /apply/{order}/sign          证书申请签名 (MATERIALS_UPLOADED, and REJECTED after re-upload)
 *                                   POST …/sign/code (SMS to the handler), POST …/sign
 * GET  /apply/{order}/pay           支付 (APPLICATION_SIGNED)      POST …/pay
 * GET  /apply/{order}/waiting       等待审核 with the due date (PAID, WAITING_FOR_REVIEW), and the
 *                                   state of an order past review or cancelled
 * GET  /apply/{order}/application-form.pdf   the signed 申请表
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
      case AUTHORIZATION_CODE_ENTERED, CERTIFICATE_VERIFIED, REJECTED -> base + "/materials";
      case MATERIALS_UPLOADED -> base + "/sign";
      case APPLICATION_SIGNED -> base + "/pay";
      case PAID, WAITING_FOR_REVIEW, APPROVED, ISSUED, REVOKED, CANCELLED -> base + "/waiting";
    };
  }
}
