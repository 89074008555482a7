package cn.certhall.domain.lifecycle;

import cn.certhall.pki.revocation.RevocationReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization certificate as the entry's list shows it: which CA and serial, for whom, valid
 * when, made by which order, and whether it was revoked or replaced since.
 *
 * @param issuingOrderId the order that produced it (新办, 更新 or 变更); its hosted key is that order's
 * @param revokedAt when it was revoked, or null
 * @param revocationReason why it was revoked, or null
 * @param replacedByOrderId the renewal or change order that issued its successor, or null
 */
public record HeldCertificate(
    String caName,
    String serialHex,
    String organizationName,
    String creditCode,
    Instant notBefore,
    Instant notAfter,
    String issuingOrderId,
    Instant revokedAt,
    RevocationReason revocationReason,
    String replacedByOrderId) {

  public HeldCertificate {
    Objects.requireNonNull(caName, "caName");
    Objects.requireNonNull(serialHex, "serialHex");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(issuingOrderId, "issuingOrderId");
    if ((revokedAt == null) != (revocationReason == null)) {
      throw new IllegalArgumentException("a revocation has both a time and a reason");
    }
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public Optional<String> replacedBy() {
    return Optional.ofNullable(replacedByOrderId);
  }

  /** Whether {@code caName}/{@code serialHex} name this certificate. */
  public boolean is(String otherCa, String otherSerial) {
    return caName.equals(otherCa) && serialHex.equalsIgnoreCase(otherSerial);
  }
}
