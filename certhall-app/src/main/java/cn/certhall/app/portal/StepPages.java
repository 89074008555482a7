package cn.certhall.app.portal;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every page of the steps after the authorization code asks first: may this session open the
 * order ({@link OrderAccess}; if not, 404 as for an order that does not exist), and is the order at
 * this page's step (if not, the page it belongs on). The steps (资料上传, 证书申请签名, 支付, 等待审核) serve any
 * business type whose workflow has them; where an order belongs is its flow's table ({@link
 * ContinueSteps#pageOf}).
 */
@Component
public class StepPages {
  private final OrderService orders;
  private final OrderAccess access;
  private final ContinueSteps steps;

  public StepPages(OrderService orders, OrderAccess access, ContinueSteps steps) {
    this.orders = orders;
    this.access = access;
    this.steps = steps;
  }

  /** The order, if this session may see it; else 404. */
  public Order open(String orderId, HttpServletRequest request) {
    Order order =
        orders.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!access.mayOpen(request, order)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return order;
  }

  /** "redirect:" to the page where the order belongs now. */
  public String redirectToItsPage(Order order) {
    return "redirect:" + steps.pageOf(order);
  }

  public String pageOf(Order order) {
    return steps.pageOf(order);
  }
}
