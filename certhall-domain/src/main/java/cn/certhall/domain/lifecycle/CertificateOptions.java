package cn.certhall.domain.lifecycle;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.certificate.RenewalEligibility;
import cn.certhall.domain.order.BusinessType;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the entry's certificate list: the certificate, its state, and for each business
 * whether it may start now or why not (SPEC section 2 for renewal).
 *
 * <p>Rules: a revoked certificate allows nothing; a replaced one (a renewal or change issued its
 * successor) allows nothing either, so one certificate is never renewed twice; renewal follows the
 * renewal window; change and revocation need a certificate that has not expired (an expired one is
 * renewed, or simply left to lapse).
 */
public record CertificateOptions(
    HeldCertificate certificate,
    CertificateState state,
    RenewalEligibility renewal,
    Optional<Refusal> renewRefusal,
    Optional<Refusal> changeRefusal,
    Optional<Refusal> revokeRefusal) {

  public CertificateOptions {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(renewal, "renewal");
    Objects.requireNonNull(renewRefusal, "renewRefusal");
    Objects.requireNonNull(changeRefusal, "changeRefusal");
    Objects.requireNonNull(revokeRefusal, "revokeRefusal");
  }

  /** The options of {@code certificate} now, by {@code rules}' clock. */
  public static CertificateOptions of(HeldCertificate certificate, CertificateRules rules) {
    RenewalEligibility renewal = rules.renewalEligibility(certificate.notAfter());
    boolean expired =
        switch (renewal.status()) {
          case ELIGIBLE_EXPIRED, EXPIRED_TOO_LONG -> true;
          case TOO_EARLY, ELIGIBLE_EXPIRING -> false;
        };
    CertificateState state;
    Optional<Refusal> blocked;
    if (certificate.isRevoked()) {
      state = CertificateState.REVOKED;
      blocked = Optional.of(Refusal.REVOKED);
    } else if (certificate.replacedBy().isPresent()) {
      state = CertificateState.REPLACED;
      blocked = Optional.of(Refusal.REPLACED);
    } else {
      state = expired ? CertificateState.EXPIRED : CertificateState.VALID;
      blocked = Optional.empty();
    }
    Optional<Refusal> renew =
        blocked.or(
            () ->
                switch (renewal.status()) {
                  case TOO_EARLY -> Optional.of(Refusal.RENEWAL_TOO_EARLY);
                  case EXPIRED_TOO_LONG -> Optional.of(Refusal.RENEWAL_EXPIRED_TOO_LONG);
                  case ELIGIBLE_EXPIRING, ELIGIBLE_EXPIRED -> Optional.empty();
                });
    Optional<Refusal> changeOrRevoke =
        blocked.or(() -> expired ? Optional.of(Refusal.EXPIRED) : Optional.empty());
    return new CertificateOptions(
        certificate, state, renewal, renew, changeOrRevoke, changeOrRevoke);
  }

  /** Why {@code type} may not start for this certificate; empty when it may. */
  public Optional<Refusal> refusal(BusinessType type) {
    return switch (type) {
      case RENEWAL -> renewRefusal;
      case INFORMATION_CHANGE -> changeRefusal;
      case REVOCATION -> revokeRefusal;
      case NEW_UNIT_CERTIFICATE ->
          throw new IllegalArgumentException("a new certificate is not about a held one");
    };
  }

  public boolean allows(BusinessType type) {
    return refusal(type).isEmpty();
  }
}
