package cn.certhall.domain.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate as a report shows it: which, for whom, valid when, the SHA-256 of its DER, and
 * whether and when it was revoked.
 *
 * @param revokedAt null unless revoked
 * @param revocationReasonCode RFC 5280 code, null unless revoked
 */
public record CertificateEvidence(
    String caName,
    String serialHex,
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    String sha256,
    long size,
    Instant revokedAt,
    Integer revocationReasonCode) {

  public CertificateEvidence {
    Objects.requireNonNull(caName, "caName");
    Objects.requireNonNull(serialHex, "serialHex");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
  }

  /** The certificate as one of a report's files: its DER, by SHA-256. */
  public EvidenceFile asFile() {
    return new EvidenceFile(
        EvidenceFile.Kind.CERTIFICATE, serialHex + ".cer", 1, sha256, size, notBefore);
  }

  /** VALID, NOT_YET_VALID, EXPIRED or REVOKED at {@code at} (revoked from its revocation on). */
  public String stateAt(Instant at) {
    if (revokedAt != null && !at.isBefore(revokedAt)) {
      return "REVOKED";
    }
    if (at.isBefore(notBefore)) {
      return "NOT_YET_VALID";
    }
    return at.isBefore(notAfter) ? "VALID" : "EXPIRED";
  }
}
