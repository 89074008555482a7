package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.documents.pades.PadesVerifier;
import cn.certhall.documents.pades.PdfVerification;
import cn.certhall.documents.pades.SignatureCheck;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.ocsp.CertificateStatusSource.KnownCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * 验章: what a signed PDF says about itself (the engine's {@link PadesVerifier}, trusting this CA's
 * roots) and what this CA's database says about each signer's certificate: issued here, good or
 * revoked (with when and why).
 */
public final class SealedPdfVerification {
  private final CaRegistry cas;
  private final RevocationRepository revocations;
  private final PadesVerifier verifier;

  public SealedPdfVerification(
      CaRegistry cas, RevocationRepository revocations, PadesVerifier verifier) {
    this.cas = cas;
    this.revocations = revocations;
    this.verifier = verifier;
  }

  /** The trust anchors: every root CA of this CA. */
  public static List<org.bouncycastle.cert.X509CertificateHolder> roots(CaRegistry cas) {
    return cas.all().stream()
        .filter(ca -> ca.certificate().getSubject().equals(ca.certificate().getIssuer()))
        .map(CertificateAuthority::certificate)
        .toList();
  }

  /** The certificate's status in this CA's database. */
  public enum Status {
    GOOD,
    REVOKED,
    /** Not a certificate of this CA: its status cannot be told here. */
    UNKNOWN
  }

  /** One signature as the page and the API show it. */
  public record Signature(
      String signer,
      String organization,
      String serial,
      Instant signingTime,
      boolean timestamped,
      boolean valid,
      boolean trusted,
      /** the bytes signed do not match, or pages or content changed in a later update */
      boolean changedAfterSigning,
      Status status,
      Instant revokedAt,
      String revocationReason,
      List<String> problems) {
    /** Valid, trusted, unchanged since and not revoked. */
    public boolean good() {
      return valid && trusted && !changedAfterSigning && status == Status.GOOD;
    }
  }

  public record Report(List<Signature> signatures, boolean unchanged) {
    public boolean signed() {
      return !signatures.isEmpty();
    }
  }

  /**
   * @throws cn.certhall.documents.pades.SealingException NOT_A_PDF / ENCRYPTED for what is not a
   *     readable PDF
   */
  public Report verify(byte[] pdf) {
    PdfVerification v = verifier.verify(pdf);
    List<Signature> rows = v.signatures().stream().map(this::row).toList();
    return new Report(rows, v.documentUnchanged());
  }

  private Signature row(SignatureCheck c) {
    Status status = Status.UNKNOWN;
    Instant revokedAt = null;
    String reason = null;
    String serial = null;
    String cn = null;
    String org = null;
    if (c.signer() != null) {
      serial = c.signer().getSerialNumber().toString(16);
      cn = value(c.signer().getSubject(), BCStyle.CN);
      org = value(c.signer().getSubject(), BCStyle.O);
      Optional<CertificateAuthority> issuer =
          cas.all().stream()
              .filter(ca -> ca.certificate().getSubject().equals(c.signer().getIssuer()))
              .findFirst();
      if (issuer.isPresent()) {
        Optional<KnownCertificate> known =
            revocations.find(issuer.get().name(), c.signer().getSerialNumber());
        if (known.isPresent()) {
          if (known.get().revoked()) {
            status = Status.REVOKED;
            revokedAt = known.get().revocation().revokedAt();
            reason = known.get().revocation().reason().name();
          } else {
            status = Status.GOOD;
          }
        }
      }
    }
    return new Signature(
        cn == null ? c.signerSubject() : cn,
        org,
        serial,
        c.signingTime(),
        c.timestampValid(),
        c.cryptographicallyValid(),
        c.certificateTrusted(),
        !c.documentUnchanged(),
        status,
        revokedAt,
        reason,
        c.problems());
  }

  private static String value(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }
}
