package cn.certhall.domain.certificate;

import java.time.Instant;
import java.util.Objects;

/**
 * The validity period of a certificate, both ends inclusive as in RFC 5280.
 *
 * <p>Whole seconds only, because X.509 encodes UTCTime and GeneralizedTime without fractions: a
 * fraction kept here would silently differ from what ends up in the certificate.
 */
public record Validity(Instant notBefore, Instant notAfter) {

  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (notBefore.getNano() != 0 || notAfter.getNano() != 0) {
      throw new IllegalArgumentException(
          "validity must be whole seconds: " + notBefore + " .. " + notAfter);
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "notAfter " + notAfter + " must be after notBefore " + notBefore);
    }
  }
}
