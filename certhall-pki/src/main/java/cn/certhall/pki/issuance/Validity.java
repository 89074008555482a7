package cn.certhall.pki.issuance;

import cn.certhall.pki.InvalidRequestException;
import java.time.Instant;

/**
 * The validity period of a certificate, both ends inclusive as in RFC 5280.
 *
 * <p>Whole seconds only, because X.509 encodes UTCTime and GeneralizedTime without fractions: a
 * fraction kept here would silently differ from what ends up in the certificate. Whether the period
 * fits the issuing CA's own is the CA's check ({@link CertificateAuthority#issue}); the business
 * decides the period (SPEC section 2) and the engine writes it as given.
 *
 * @throws InvalidRequestException for a missing end, a fraction of a second, or an empty or
 *     negative period
 */
public record Validity(Instant notBefore, Instant notAfter) {

  public Validity {
    if (notBefore == null || notAfter == null) {
      throw new InvalidRequestException("notBefore and notAfter are required");
    }
    if (notBefore.getNano() != 0 || notAfter.getNano() != 0) {
      throw new InvalidRequestException(
          "validity must be given in whole seconds (X.509 times have no fractions): "
              + notBefore
              + " .. "
              + notAfter);
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new InvalidRequestException(
          "validity is empty or negative: notAfter "
              + notAfter
              + " is not after notBefore "
              + notBefore);
    }
  }

  /** Whether the instant lies within the period, both ends included. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
  }
}
