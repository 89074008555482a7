package cn.certhall.app.orderquery;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.issuance.CaHostedCertificateIssuer;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.ocsp.CertificateStatusSource;
import cn.certhall.pki.revocation.RevokedEntry;
import java.math.BigInteger;
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
 * The certificate of an issued order as 我的订单 shows it to its handler: serial, validity, whether it
 * is valid, expired or revoked (when, why), and the files to download; and the same of the order's
 * second certificate (双证书), if it has one. Whoever calls it has already checked that the session
 * may see the order.
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
      String serialHex,
      String notBefore,
      String notAfter,
      State state,
      String revokedAt,
      Integer reasonCode,
      String algorithm) {}

  /** Which of an order's certificates: its first, or its second (双证书). */
  public enum Which {
    FIRST,
    SECOND
  }

  private final OrderCertificates links;
  private final CaRegistry cas;
  private final SigningKeyStore keys;
  private final CertificateRepository certificates;
  private final RevocationRepository revocations;
  private final Clock clock;

  public IssuedCertificates(
      OrderCertificates links,
      CaRegistry cas,
      SigningKeyStore keys,
      CertificateRepository certificates,
      RevocationRepository revocations,
      Clock clock) {
    this.links = links;
    this.cas = cas;
    this.keys = keys;
    this.certificates = certificates;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** The certificate of an issued order; empty for any other order. */
  public Optional<View> of(Order order) {
    return of(order, Which.FIRST);
  }

  /** The order's first or second certificate; empty for an order that is not issued or has none. */
  public Optional<View> of(Order order, Which which) {
    return certificateOf(order, which).map(this::view);
  }

  /** The certificate's DER encoding. */
  public Optional<byte[]> der(Order order, Which which) {
    return certificateOf(order, which).map(ref -> encoded(chainOf(ref).certificate()));
  }

  /** The certificate followed by its CA chain up to the root. */
  public Optional<List<byte[]>> chainDer(Order order, Which which) {
    return certificateOf(order, which)
        .map(
            ref -> {
              CertificateChain chain = chainOf(ref);
              List<byte[]> all = new ArrayList<>();
              all.add(encoded(chain.certificate()));
              chain.chain().forEach(ca -> all.add(encoded(ca)));
              return all;
            });
  }

  /**
   * The chain as a PKCS#7 certificates-only structure (DER, {@code .p7b}), as Windows and Java
   * import it.
   */
  public Optional<byte[]> chainPkcs7(Order order, Which which) {
    return certificateOf(order, which)
        .map(
            ref -> {
              CertificateChain chain = chainOf(ref);
              List<X509Certificate> all = new ArrayList<>();
              all.add(chain.certificate());
              all.addAll(chain.chain());
              try {
                return CertificateFactory.getInstance("X.509")
                    .generateCertPath(all)
                    .getEncoded("PKCS7");
              } catch (CertificateException e) {
                throw new IllegalStateException(
                    "the chain of order " + order.id() + " cannot be encoded", e);
              }
            });
  }

  private Optional<CertificateRef> certificateOf(Order order, Which which) {
    if (order.status() != OrderStatus.ISSUED) {
      return Optional.empty();
    }
    return which == Which.FIRST ? links.find(order.id()) : links.findSecond(order.id());
  }

  private CertificateAuthority ca(CertificateRef ref) {
    return cas.find(ref.caName())
        .orElseThrow(() -> new IllegalStateException("no CA " + ref.caName()));
  }

  private CertificateChain chainOf(CertificateRef ref) {
    CertificateAuthority ca = ca(ref);
    return new CaHostedCertificateIssuer(
            keys, ca, CaHostedCertificateIssuer.chainOf(ca, cas.all()), certificates)
        .certificate(ref);
  }

  private View view(CertificateRef ref) {
    // the revocation row, not the held list: a second certificate is not listed there
    Optional<RevokedEntry> revocation =
        revocations
            .find(ref.caName(), new BigInteger(ref.serialHex(), 16))
            .map(CertificateStatusSource.KnownCertificate::revocation);
    Instant revokedAt = revocation.map(RevokedEntry::revokedAt).orElse(null);
    State state =
        revokedAt != null
            ? State.REVOKED
            : clock.instant().isAfter(ref.notAfter()) ? State.EXPIRED : State.VALID;
    return new View(
        ref.serialHex().toUpperCase(Locale.ROOT),
        shown(ref.notBefore()),
        shown(ref.notAfter()),
        state,
        revokedAt == null ? null : shown(revokedAt),
        revocation.map(r -> r.reason().code()).orElse(null),
        ca(ref).family().name());
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
