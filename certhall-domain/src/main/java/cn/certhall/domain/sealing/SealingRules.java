package cn.certhall.domain.sealing;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a seal administrator may seal a request now, before the PIN is asked (扫一扫用章). In the
 * order checked: the link must be unused (the request waiting and unclaimed or claimed by this
 * administrator), the request unexpired, the organization one whose seal the administrator holds,
 * the administrator's own personal certificate and PIN in place, and the organization's certificate
 * valid and unrevoked with a seal made. The PIN itself is checked last, by {@link PinGuard}.
 */
public final class SealingRules {

  private SealingRules() {}

  /**
   * The organization certificate behind a seal as the sealing sees it.
   *
   * @param hasSeal the seal (image and SESeal) was made
   */
  public record OrganizationCertificate(
      String creditCode, Instant notBefore, Instant notAfter, boolean revoked, boolean hasSeal) {}

  /** The administrator as the sealing sees them. */
  public record Administrator(
      String mobile,
      Collection<String> creditCodes,
      boolean hasPersonalCertificate,
      boolean pinSet) {}

  /**
   * @param certificate the organization's certificate for the request's credit code among those the
   *     administrator holds, or null when the administrator holds none for it
   * @return the first reason to refuse, or empty if the PIN may be asked for
   */
  public static Optional<SealingRefusal> refusal(
      SigningRequest request,
      Administrator administrator,
      OrganizationCertificate certificate,
      Instant now) {
    if (request.status() == SigningRequest.Status.SEALED
        || (request.claimedBy() != null && !request.claimedBy().equals(administrator.mobile()))) {
      return Optional.of(SealingRefusal.LINK_USED);
    }
    if (request.statusAt(now) == SigningRequest.Status.EXPIRED) {
      return Optional.of(SealingRefusal.REQUEST_EXPIRED);
    }
    if (!administrator.creditCodes().contains(request.creditCode())
        || certificate == null
        || !certificate.creditCode().equals(request.creditCode())) {
      return Optional.of(SealingRefusal.OTHER_ORGANIZATION);
    }
    if (!administrator.hasPersonalCertificate()) {
      return Optional.of(SealingRefusal.NO_PERSONAL_CERTIFICATE);
    }
    if (!administrator.pinSet()) {
      return Optional.of(SealingRefusal.PIN_NOT_SET);
    }
    if (certificate.revoked()) {
      return Optional.of(SealingRefusal.CERTIFICATE_REVOKED);
    }
    if (!now.isBefore(certificate.notAfter()) || now.isBefore(certificate.notBefore())) {
      return Optional.of(SealingRefusal.CERTIFICATE_EXPIRED);
    }
    if (!certificate.hasSeal()) {
      return Optional.of(SealingRefusal.NO_SEAL);
    }
    return Optional.empty();
  }
}
