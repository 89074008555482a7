package cn.certhall.domain.certificate;

/** Thrown when a renewal validity is asked for a certificate outside its renewal window. */
public class RenewalNotAllowedException extends IllegalStateException {

  private final RenewalEligibility eligibility;

  public RenewalNotAllowedException(RenewalEligibility eligibility) {
    super(
        "certificate is not eligible for renewal ("
            + eligibility.status()
            + "); renewal window is "
            + eligibility.renewableFrom()
            + " .. "
            + eligibility.renewableUntil());
    this.eligibility = eligibility;
  }

  public RenewalEligibility eligibility() {
    return eligibility;
  }
}
