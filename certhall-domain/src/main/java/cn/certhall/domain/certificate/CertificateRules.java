package cn.certhall.domain.certificate;

import cn.certhall.pki.issuance.Validity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Certificate rules (证书规则): the validity of a new certificate, when a certificate may be renewed,
 * and the validity of its renewal (SPEC section 2, manual 1.2).
 *
 * <p>Decisions the spec leaves open, taken here:
 *
 * <ul>
 *   <li><b>"One year" is a calendar year in China time</b>, added with {@link
 *       java.time.ZonedDateTime#plusYears(long)}: same local date and time a year later, and 29
 *       February becomes 28 February (issued 2028-02-29 10:00 ends 2029-02-28 10:00). The zone
 *       matters: 2028-02-29 03:00 in Shanghai is still 28 February in UTC, and a UTC year would end
 *       on 1 March local time.
 *   <li><b>Days in the renewal window are 24-hour durations</b>, not calendar days: renewal opens
 *       when notAfter − now &lt; 90 × 24 h and closes when now − notAfter &gt; 365 × 24 h.
 *   <li><b>"Now" is truncated to whole seconds</b> before any comparison, the same instant that
 *       would become a notBefore, so every decision is about a time a certificate can carry.
 *   <li><b>notAfter is inclusive</b> (RFC 5280): at notAfter itself the certificate is still valid,
 *       so its renewal extends the old notAfter; it counts as expired from one second later.
 *   <li>The renewal validity is meant to be computed <b>when the new certificate is issued</b>: the
 *       manual starts an expired certificate's new year "从用户签发新证书之日起".
 * </ul>
 */
public final class CertificateRules {

  /** China time, in which calendar years are counted. */
  public static final ZoneId CHINA_TIME = ZoneId.of("Asia/Shanghai");

  /** Renewal opens when strictly fewer than this is left before notAfter. */
  public static final Duration RENEWAL_OPENS_BEFORE_EXPIRY = Duration.ofDays(90);

  /** Renewal stays open until the certificate has been expired for this long, inclusive. */
  public static final Duration RENEWAL_CLOSES_AFTER_EXPIRY = Duration.ofDays(365);

  private static final int VALIDITY_YEARS = 1;

  private final Clock clock;
  private final ZoneId zone;

  public CertificateRules(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Validity of a certificate issued now: from now to one calendar year later. */
  public Validity newCertificateValidity() {
    Instant now = now();
    return new Validity(now, plusOneYear(now));
  }

  /** Whether the certificate ending at {@code notAfter} may be renewed now, and if not, why. */
  public RenewalEligibility renewalEligibility(Instant notAfter) {
    return renewalEligibility(notAfter, now());
  }

  /**
   * Validity of the certificate that renews the one ending at {@code notAfter}, issued now.
   * Unexpired: from now to the old notAfter plus one calendar year. Expired: from now to one
   * calendar year later.
   *
   * @throws RenewalNotAllowedException if the certificate is outside its renewal window
   */
  public Validity renewalValidity(Instant notAfter) {
    // One reading of the clock, so the decision and the validity are about the same second.
    Instant now = now();
    RenewalEligibility eligibility = renewalEligibility(notAfter, now);
    return switch (eligibility.status()) {
      case ELIGIBLE_EXPIRING -> new Validity(now, plusOneYear(notAfter));
      case ELIGIBLE_EXPIRED -> new Validity(now, plusOneYear(now));
      case TOO_EARLY, EXPIRED_TOO_LONG -> throw new RenewalNotAllowedException(eligibility);
    };
  }

  private RenewalEligibility renewalEligibility(Instant notAfter, Instant now) {
    requireWholeSeconds(notAfter);
    // First whole second at which notAfter - now < 90 days.
    Instant opens = notAfter.minus(RENEWAL_OPENS_BEFORE_EXPIRY).plusSeconds(1);
    Instant closes = notAfter.plus(RENEWAL_CLOSES_AFTER_EXPIRY);
    RenewalEligibility.Status status;
    if (now.isBefore(opens)) {
      status = RenewalEligibility.Status.TOO_EARLY;
    } else if (!now.isAfter(notAfter)) {
      status = RenewalEligibility.Status.ELIGIBLE_EXPIRING;
    } else if (!now.isAfter(closes)) {
      status = RenewalEligibility.Status.ELIGIBLE_EXPIRED;
    } else {
      status = RenewalEligibility.Status.EXPIRED_TOO_LONG;
    }
    return new RenewalEligibility(status, opens.atZone(zone), closes.atZone(zone));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private Instant plusOneYear(Instant instant) {
    return instant.atZone(zone).plusYears(VALIDITY_YEARS).toInstant();
  }

  private static void requireWholeSeconds(Instant notAfter) {
    Objects.requireNonNull(notAfter, "notAfter");
    if (notAfter.getNano() != 0) {
      throw new IllegalArgumentException("notAfter must be whole seconds: " + notAfter);
    }
  }
}
