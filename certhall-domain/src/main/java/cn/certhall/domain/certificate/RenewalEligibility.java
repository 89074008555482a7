package cn.certhall.domain.certificate;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Whether a certificate may be renewed now, and why not when it may not.
 *
 * <p>The renewal window of a certificate is always the same two instants, so both are carried
 * whatever the status: the portal words a refusal with {@link #renewableFrom()} ({@code TOO_EARLY})
 * or {@link #renewableUntil()} ({@code EXPIRED_TOO_LONG}). Both are in China time and inclusive.
 */
public record RenewalEligibility(
    Status status, ZonedDateTime renewableFrom, ZonedDateTime renewableUntil) {

  public enum Status {
    /** Not expired and fewer than 90 days left: renewal extends the old notAfter by a year. */
    ELIGIBLE_EXPIRING(true),
    /** Expired by no more than 365 days: renewal starts a fresh year at issuance. */
    ELIGIBLE_EXPIRED(true),
    /** 90 days or more left; renewal opens at {@code renewableFrom}. */
    TOO_EARLY(false),
    /** Expired by more than 365 days; the applicant must apply for a new certificate. */
    EXPIRED_TOO_LONG(false);

    private final boolean eligible;

    Status(boolean eligible) {
      this.eligible = eligible;
    }

    public boolean isEligible() {
      return eligible;
    }
  }

  public RenewalEligibility {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(renewableFrom, "renewableFrom");
    Objects.requireNonNull(renewableUntil, "renewableUntil");
    if (!renewableUntil.isAfter(renewableFrom)) {
      throw new IllegalArgumentException(
          "renewal window " + renewableFrom + " .. " + renewableUntil + " is empty");
    }
  }

  public boolean isEligible() {
    return status.isEligible();
  }
}
