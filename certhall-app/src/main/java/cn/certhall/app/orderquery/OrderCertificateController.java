package cn.certhall.app.orderquery;

import cn.certhall.app.web.Downloads;
import cn.certhall.app.web.OrderQuerySession;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.orderquery.OrderQuery;
import cn.certhall.pki.Pem;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * 证书下载 in 我的订单: an issued order's certificate and its chain, PEM and DER (under {@code
 * /orders/{id}/second/} those of its second certificate, 双证书), for the session that proved it may
 * see the order (the {@link OrderQuery#open} check of the details page); any other session, and any
 * order without a certificate, gets a 404.
 */
@Controller
public class OrderCertificateController {
  private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
  private static final MediaType DER = MediaType.parseMediaType("application/pkix-cert");
  private static final MediaType PKCS7 = MediaType.parseMediaType("application/pkcs7-mime");

  private final OrderQuery query;
  private final IssuedCertificates certificates;

  public OrderCertificateController(OrderQuery query, IssuedCertificates certificates) {
    this.query = query;
    this.certificates = certificates;
  }

  @GetMapping({
    "/orders/{orderId}/certificate.pem",
    "/orders/{orderId}/{which:second}/certificate.pem"
  })
  public ResponseEntity<byte[]> certificatePem(
      @PathVariable String orderId,
      @PathVariable(required = false) String which,
      HttpServletRequest request) {
    return served(
        orderId,
        request,
        o ->
            certificates
                .der(o, which(which))
                .map(Pem::certificate)
                .map(OrderCertificateController::ascii),
        PEM,
        prefix(which) + "certificate.pem");
  }

  @GetMapping({
    "/orders/{orderId}/certificate.cer",
    "/orders/{orderId}/{which:second}/certificate.cer"
  })
  public ResponseEntity<byte[]> certificateDer(
      @PathVariable String orderId,
      @PathVariable(required = false) String which,
      HttpServletRequest request) {
    return served(
        orderId,
        request,
        o -> certificates.der(o, which(which)),
        DER,
        prefix(which) + "certificate.cer");
  }

  @GetMapping({"/orders/{orderId}/chain.pem", "/orders/{orderId}/{which:second}/chain.pem"})
  public ResponseEntity<byte[]> chainPem(
      @PathVariable String orderId,
      @PathVariable(required = false) String which,
      HttpServletRequest request) {
    return served(
        orderId,
        request,
        o ->
            certificates
                .chainDer(o, which(which))
                .map(all -> ascii(String.join("", all.stream().map(Pem::certificate).toList()))),
        PEM,
        prefix(which) + "chain.pem");
  }

  @GetMapping({"/orders/{orderId}/chain.p7b", "/orders/{orderId}/{which:second}/chain.p7b"})
  public ResponseEntity<byte[]> chainPkcs7(
      @PathVariable String orderId,
      @PathVariable(required = false) String which,
      HttpServletRequest request) {
    return served(
        orderId,
        request,
        o -> certificates.chainPkcs7(o, which(which)),
        PKCS7,
        prefix(which) + "chain.p7b");
  }

  /** {@code /second/…}: the order's second certificate (双证书); without it, its first. */
  private static IssuedCertificates.Which which(String path) {
    return path == null ? IssuedCertificates.Which.FIRST : IssuedCertificates.Which.SECOND;
  }

  private static String prefix(String path) {
    return path == null ? "" : "second-";
  }

  private ResponseEntity<byte[]> served(
      String orderId,
      HttpServletRequest request,
      Function<Order, Optional<byte[]>> file,
      MediaType type,
      String name) {
    Order order =
        query
            .open(OrderQuerySession.access(request), orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] bytes =
        file.apply(order).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return Downloads.attachment(bytes, type, order.id() + "-" + name);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
