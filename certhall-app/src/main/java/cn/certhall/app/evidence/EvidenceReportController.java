package cn.certhall.app.evidence;

import cn.certhall.app.evidence.EvidenceReports.Door;
import cn.certhall.app.web.Downloads;
import cn.certhall.app.web.OrderQuerySession;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.orderquery.OrderQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 下载出证报告: in 我的订单 for the session that proved it may see the order (any other session gets the 404
 * of an order it may not see), and in the console for CA administrators. The channel's door is
 * {@code ChannelApiController}'s. Each download is recorded in the audit log.
 */
@Controller
public class EvidenceReportController {
  private final OrderQuery query;
  private final EvidenceReports reports;

  public EvidenceReportController(OrderQuery query, EvidenceReports reports) {
    this.query = query;
    this.reports = reports;
  }

  @GetMapping("/orders/{orderId}/evidence.pdf")
  public ResponseEntity<byte[]> forHandler(
      @PathVariable String orderId, HttpServletRequest request, Locale locale) {
    Order order =
        query
            .open(OrderQuerySession.access(request), orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return pdf(order.id(), reports.forOrder(order.id(), locale, Actor.APPLICANT, Door.ORDER_QUERY));
  }

  @GetMapping("/console/admin/orders/{orderId}/evidence.pdf")
  public ResponseEntity<byte[]> forAdministrator(
      @PathVariable String orderId, Principal operator, Locale locale) {
    try {
      return pdf(
          orderId,
          reports.forOrder(orderId, locale, Actor.operator(operator.getName()), Door.CONSOLE));
    } catch (OrderNotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }

  /** 出证报告 in the console: an order's or a sealed document's, by its number. */
  @GetMapping("/console/admin/evidence")
  public String lookup() {
    return "console/evidence";
  }

  @GetMapping("/console/admin/evidence/order")
  public Object orderByNumber(
      @RequestParam String orderId,
      Principal operator,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    String id = orderId.strip();
    try {
      return pdf(
          id, reports.forOrder(id, locale, Actor.operator(operator.getName()), Door.CONSOLE));
    } catch (OrderNotFoundException e) {
      return notFound(id, model, response);
    }
  }

  @GetMapping("/console/admin/evidence/signing-request")
  public Object documentByNumber(
      @RequestParam String requestId,
      Principal operator,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    String id = requestId.strip();
    return reports
        .forSealedDocument(id, locale, Actor.operator(operator.getName()), Door.CONSOLE)
        .<Object>map(report -> pdf(id, report))
        .orElseGet(() -> notFound(id, model, response));
  }

  @GetMapping("/console/admin/signing-requests/{requestId}/evidence.pdf")
  public ResponseEntity<byte[]> forSealedDocument(
      @PathVariable String requestId, Principal operator, Locale locale) {
    return reports
        .forSealedDocument(requestId, locale, Actor.operator(operator.getName()), Door.CONSOLE)
        .map(report -> pdf(requestId, report))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static String notFound(String id, Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("notFound", id.length() > 32 ? id.substring(0, 32) + "…" : id);
    return "console/evidence";
  }

  /** The report as a download named after the order or request. */
  public static ResponseEntity<byte[]> pdf(String id, byte[] report) {
    return Downloads.attachment(report, MediaType.APPLICATION_PDF, id + "-evidence.pdf");
  }
}
