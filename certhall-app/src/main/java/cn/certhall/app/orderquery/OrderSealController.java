package cn.certhall.app.orderquery;

import cn.certhall.app.console.OrderFilesController;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.app.web.Downloads;
import cn.certhall.app.web.OrderQuerySession;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.orderquery.OrderQuery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The seal preview in 我的订单: the picture of the electronic seal made for an issued order, for the
 * session that proved it may see the order (the same {@link OrderQuery#open} check as the details
 * page); any other session gets a 404, as for an order that does not exist. Not cached.
 */
@Controller
public class OrderSealController {
  private final OrderQuery query;
  private final OrderCertificates certificates;
  private final SealService seals;

  public OrderSealController(OrderQuery query, OrderCertificates certificates, SealService seals) {
    this.query = query;
    this.certificates = certificates;
    this.seals = seals;
  }

  @GetMapping("/orders/{orderId}/seal.png")
  public ResponseEntity<byte[]> seal(@PathVariable String orderId, HttpServletRequest request) {
    Order order =
        query
            .open(OrderQuerySession.access(request), orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return Downloads.inline(
        OrderFilesController.sealOf(certificates, seals, order.id()),
        MediaType.IMAGE_PNG,
        order.id() + "-seal.png");
  }
}
