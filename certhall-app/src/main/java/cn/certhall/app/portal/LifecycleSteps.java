package cn.certhall.app.portal;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import java.util.Locale;

/**
 * The pages of 证书更新, 信息变更 and 证书吊销 ({@link LifecycleController}) and, for 继续办理, the page of the
 * step that follows where an order stopped.
 */
public final class LifecycleSteps {
  private LifecycleSteps() {}

  /** The entry path of a business type: {@code /renewal}, {@code /change}, {@code /revocation}. */
  public static String entry(BusinessType type) {
    return switch (type) {
      case RENEWAL -> "/renewal";
      case INFORMATION_CHANGE -> "/change";
      case REVOCATION -> "/revocation";
      case NEW_UNIT_CERTIFICATE -> throw new IllegalArgumentException("not a lifecycle business");
    };
  }

  /**
   * The page that continues the order: this flow's own pages for the identity-bound steps, the
   * shared pages of portal part 2 ({@code /apply/{id}/materials|sign|pay|waiting}) for the rest.
   */
  public static String pathFor(Order order) {
    String own = "/lifecycle/" + order.id();
    String shared = "/apply/" + order.id();
    if (order.businessType() == BusinessType.REVOCATION) {
      return switch (order.status()) {
        case APPLICATION_FILLED -> own + "/authorization";
        case VERIFIED -> own + "/certificate-code";
        case CERTIFICATE_VERIFIED, REJECTED -> shared + "/materials";
        case MATERIALS_UPLOADED -> shared + "/sign";
        default -> shared + "/waiting";
      };
    }
    return switch (order.status()) {
      case APPLICATION_FILLED, REJECTED -> own + "/form";
      case VERIFIED -> own + "/confirm";
      case CONFIRMED -> shared + "/pay";
      default -> shared + "/waiting";
    };
  }

  static String flowName(BusinessType type) {
    return entry(type).substring(1).toLowerCase(Locale.ROOT);
  }
}
