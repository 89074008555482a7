package cn.certhall.app.orderquery;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.CertificateRef;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.HeldCertificates;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The certificate of an issued order as 我的订单 shows it to its handler: serial, validity, whether
 * it is valid, expired or revoked (when, why), and the files to download. Whoever calls it has
 * already checked that the session may see the order.
 */
@Component
public class IssuedCertificates {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** 有效 / 已过期 / 已吊销. */
  public enum State {
    VALID,
    EXPIRED,
    REVOKED
  }

  /**
   * @param revokedAt shown time of the revocation, or null
   * @param reasonCode the RFC 5280 reason code of the revocation, or null
   */
  public record View(
      String serialHex, String notBefore, String notAfter, State state, String revokedAt, Integer reasonCode) {}

  private final OrderCertificates links;
  private final HeldCertificates held;
  private final HostedCertificateIssuer issuer;
  private final Clock clock;

  public IssuedCertificates(
      OrderCertificates links, HeldCertificates held, HostedCertificateIssuer issuer, Clock clock) {
    this.links = links;
    this.held = held;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** The certificate of an issued order; empty for any other order. */
  public Optional<View> of(Order order) {
    return certificateOf(order).map(this::view);
  }

  /** The certificate's DER encoding. */
  public Optional<byte[]> der(Order order) {
    return certificateOf(order).map(ref -> encoded(issuer.certificate(ref).certificate()));
  }

  /** The certificate followed by its CA chain up to the root. */
  public Optional<List<byte[]>> chainDer(Order order) {
    return certificateOf(order).map(ref -> {
      CertificateChain chain = issuer.certificate(ref);
      List<byte[]> all = new ArrayList<>();
      all.add(encoded(chain.certificate()));
      chain.chain().forEach(ca -> all.add(encoded(ca)));
      return all;
    });
  }

  /** The chain as a PKCS#7 certificates-only structure (DER, {@code .p7b}), as Windows and Java import it. */
  public Optional<byte[]> chainPkcs7(Order order) {
    return certificateOf(order).map(ref -> {
      CertificateChain chain = issuer.certificate(ref);
      List<X509Certificate> all = new ArrayList<>();
      all.add(chain.certificate());
      all.addAll(chain.chain());
      try {
        return CertificateFactory.getInstance("X.509").generateCertPath(all).getEncoded("PKCS7");
      } catch (CertificateException e) {
        throw new IllegalStateException("the chain of order " + order.id() + " cannot be encoded", e);
      }
    });
  }

  private Optional<CertificateRef> certificateOf(Order order) {
    return order.status() == OrderStatus.ISSUED ? links.find(order.id()) : Optional.empty();
  }

  private View view(CertificateRef ref) {
    Optional<HeldCertificate> record = held.find(ref.caName(), ref.serialHex());
    Instant revokedAt = record.map(HeldCertificate::revokedAt).orElse(null);
    State state = revokedAt != null
        ? State.REVOKED
        : clock.instant().isAfter(ref.notAfter()) ? State.EXPIRED : State.VALID;
    return new View(ref.serialHex().toUpperCase(Locale.ROOT), shown(ref.notBefore()),
        shown(ref.notAfter()), state, revokedAt == null ? null : shown(revokedAt),
        record.map(HeldCertificate::revocationReasonCode).orElse(null));
  }

  private static String shown(Instant instant) {
    return SHOWN.format(instant.atZone(CertificateRules.CHINA_TIME));
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a stored certificate cannot be encoded", e);
    }
  }
}
