package cn.certhall.domain.certificate;

import static cn.certhall.domain.certificate.RenewalEligibility.Status.ELIGIBLE_EXPIRED;
import static cn.certhall.domain.certificate.RenewalEligibility.Status.ELIGIBLE_EXPIRING;
import static cn.certhall.domain.certificate.RenewalEligibility.Status.EXPIRED_TOO_LONG;
import static cn.certhall.domain.certificate.RenewalEligibility.Status.TOO_EARLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.issuance.Validity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateRulesTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** 2027-06-15 10:30:00 in China. */
  private static final Instant NOW = china(2027, 6, 15, 10, 30, 0);

  private static Instant china(int year, int month, int day, int hour, int minute, int second) {
    return LocalDateTime.of(year, month, day, hour, minute, second).atZone(CHINA).toInstant();
  }

  private static CertificateRules rulesAt(Instant now) {
    return new CertificateRules(Clock.fixed(now, ZoneId.of("UTC")), CHINA);
  }

  private static final CertificateRules RULES = rulesAt(NOW);

  @Nested
  class NewCertificate {

    @Test
    void lasts_one_calendar_year_from_the_whole_second_of_issuance() {
      Validity validity = rulesAt(NOW.plusMillis(789)).newCertificateValidity();

      assertThat(validity.notBefore()).isEqualTo(NOW);
      assertThat(validity.notAfter()).isEqualTo(china(2028, 6, 15, 10, 30, 0));
    }

    @Test
    void issued_on_29_february_ends_on_28_february_at_the_same_local_time() {
      Validity validity = rulesAt(china(2028, 2, 29, 10, 0, 0)).newCertificateValidity();

      assertThat(validity.notAfter()).isEqualTo(china(2029, 2, 28, 10, 0, 0));
    }

    @Test
    void counts_the_year_in_china_time_not_utc() {
      // 2028-02-29 03:00 in China is 2028-02-28 19:00 UTC; a UTC year would end 2029-03-01 03:00
      // China.
      Validity validity = rulesAt(china(2028, 2, 29, 3, 0, 0)).newCertificateValidity();

      assertThat(validity.notAfter()).isEqualTo(Instant.parse("2029-02-27T19:00:00Z"));
    }

    @Test
    void spans_366_days_when_the_year_contains_29_february() {
      Validity validity = rulesAt(china(2027, 6, 1, 0, 0, 0)).newCertificateValidity();

      assertThat(Duration.between(validity.notBefore(), validity.notAfter()))
          .isEqualTo(Duration.ofDays(366));
    }
  }

  @Nested
  class Eligibility {

    @ParameterizedTest(name = "{0} left -> {1}")
    @CsvSource({
      "P91D,          TOO_EARLY",
      "P90D,          TOO_EARLY",
      "PT2159H59M59S, ELIGIBLE_EXPIRING",
      "P89D,          ELIGIBLE_EXPIRING",
      "PT1S,          ELIGIBLE_EXPIRING",
      "PT0S,          ELIGIBLE_EXPIRING",
    })
    void before_expiry(Duration left, RenewalEligibility.Status expected) {
      assertThat(RULES.renewalEligibility(NOW.plus(left)).status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "expired {0} ago -> {1}")
    @CsvSource({
      "PT1S,          ELIGIBLE_EXPIRED",
      "P1D,           ELIGIBLE_EXPIRED",
      "P365D,         ELIGIBLE_EXPIRED",
      "PT8760H1S,     EXPIRED_TOO_LONG",
      "P366D,         EXPIRED_TOO_LONG",
    })
    void after_expiry(Duration expiredFor, RenewalEligibility.Status expected) {
      assertThat(RULES.renewalEligibility(NOW.minus(expiredFor)).status()).isEqualTo(expected);
    }

    @Test
    void too_early_says_from_when_renewal_opens_in_china_time() {
      Instant notAfter = NOW.plus(Duration.ofDays(91));

      RenewalEligibility eligibility = RULES.renewalEligibility(notAfter);

      assertThat(eligibility.isEligible()).isFalse();
      assertThat(eligibility.renewableFrom())
          .isEqualTo(ZonedDateTime.of(2027, 6, 16, 10, 30, 1, 0, CHINA));
      assertThat(eligibility.renewableFrom().getZone()).isEqualTo(CHINA);
    }

    @Test
    void renewal_opens_exactly_at_the_announced_instant() {
      Instant notAfter = NOW.plus(Duration.ofDays(120));
      Instant opens = RULES.renewalEligibility(notAfter).renewableFrom().toInstant();

      assertThat(rulesAt(opens).renewalEligibility(notAfter).status()).isEqualTo(ELIGIBLE_EXPIRING);
      assertThat(rulesAt(opens.minusSeconds(1)).renewalEligibility(notAfter).status())
          .isEqualTo(TOO_EARLY);
    }

    @Test
    void expired_too_long_says_until_when_renewal_was_possible() {
      Instant notAfter = NOW.minus(Duration.ofDays(366));

      RenewalEligibility eligibility = RULES.renewalEligibility(notAfter);

      assertThat(eligibility.isEligible()).isFalse();
      assertThat(eligibility.renewableUntil())
          .isEqualTo(ZonedDateTime.of(2027, 6, 14, 10, 30, 0, 0, CHINA));
    }

    @Test
    void renewal_closes_exactly_after_the_announced_instant() {
      Instant notAfter = NOW.minus(Duration.ofDays(400));
      Instant until = RULES.renewalEligibility(notAfter).renewableUntil().toInstant();

      assertThat(rulesAt(until).renewalEligibility(notAfter).status()).isEqualTo(ELIGIBLE_EXPIRED);
      assertThat(rulesAt(until.plusSeconds(1)).renewalEligibility(notAfter).status())
          .isEqualTo(EXPIRED_TOO_LONG);
    }

    @Test
    void decides_in_whole_seconds_so_a_fraction_past_the_90_day_mark_is_still_too_early() {
      // 89 d 23:59:59.001 left on the clock, but exactly 90 days in the seconds a certificate
      // carries.
      Instant notAfter = NOW.plus(Duration.ofDays(90));

      assertThat(rulesAt(NOW.plusMillis(999)).renewalEligibility(notAfter).status())
          .isEqualTo(TOO_EARLY);
    }

    @Test
    void rejects_a_not_after_with_fractions_of_a_second() {
      assertThatThrownBy(() -> RULES.renewalEligibility(NOW.plusMillis(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("whole seconds");
    }
  }

  @Nested
  class RenewalValidity {

    @Test
    void unexpired_certificate_is_extended_by_one_year_from_its_old_not_after() {
      Instant oldNotAfter = china(2027, 7, 15, 18, 0, 0);

      Validity validity = RULES.renewalValidity(oldNotAfter);

      assertThat(validity.notBefore()).isEqualTo(NOW);
      assertThat(validity.notAfter()).isEqualTo(china(2028, 7, 15, 18, 0, 0));
    }

    @Test
    void certificate_renewed_at_its_last_valid_second_still_counts_as_unexpired() {
      Validity validity = RULES.renewalValidity(NOW);

      assertThat(validity.notBefore()).isEqualTo(NOW);
      assertThat(validity.notAfter()).isEqualTo(china(2028, 6, 15, 10, 30, 0));
    }

    @Test
    void expired_certificate_gets_one_year_from_issuance() {
      Validity validity = rulesAt(NOW.plusMillis(250)).renewalValidity(china(2027, 6, 5, 9, 0, 0));

      assertThat(validity.notBefore()).isEqualTo(NOW);
      assertThat(validity.notAfter()).isEqualTo(china(2028, 6, 15, 10, 30, 0));
    }

    @Test
    void certificate_expired_exactly_365_days_ago_is_still_renewed() {
      Validity validity = RULES.renewalValidity(NOW.minus(Duration.ofDays(365)));

      assertThat(validity.notBefore()).isEqualTo(NOW);
      assertThat(validity.notAfter()).isEqualTo(china(2028, 6, 15, 10, 30, 0));
    }

    @Test
    void unexpired_certificate_ending_on_29_february_is_extended_to_28_february() {
      Instant oldNotAfter = china(2028, 2, 29, 10, 0, 0);

      Validity validity = rulesAt(china(2028, 1, 10, 9, 0, 0)).renewalValidity(oldNotAfter);

      assertThat(validity.notAfter()).isEqualTo(china(2029, 2, 28, 10, 0, 0));
    }

    @Test
    void unexpired_certificate_ending_on_28_february_before_a_leap_year_keeps_28_february() {
      Instant oldNotAfter = china(2027, 2, 28, 10, 0, 0);

      Validity validity = rulesAt(china(2027, 1, 10, 9, 0, 0)).renewalValidity(oldNotAfter);

      assertThat(validity.notAfter()).isEqualTo(china(2028, 2, 28, 10, 0, 0));
    }

    @Test
    void unexpired_extension_counts_the_year_in_china_time() {
      // 2028-02-29 03:00 China is 2028-02-28 19:00 UTC.
      Instant oldNotAfter = Instant.parse("2028-02-28T19:00:00Z");

      Validity validity = rulesAt(china(2028, 1, 10, 9, 0, 0)).renewalValidity(oldNotAfter);

      assertThat(validity.notAfter()).isEqualTo(Instant.parse("2029-02-27T19:00:00Z"));
    }

    @Test
    void expired_certificate_renewed_on_29_february_ends_on_28_february() {
      Validity validity =
          rulesAt(china(2028, 2, 29, 14, 0, 0)).renewalValidity(china(2027, 12, 31, 0, 0, 0));

      assertThat(validity.notBefore()).isEqualTo(china(2028, 2, 29, 14, 0, 0));
      assertThat(validity.notAfter()).isEqualTo(china(2029, 2, 28, 14, 0, 0));
    }

    @Test
    void refuses_a_certificate_with_90_days_left() {
      assertThatThrownBy(() -> RULES.renewalValidity(NOW.plus(Duration.ofDays(90))))
          .isInstanceOf(IllegalStateException.class)
          .isInstanceOfSatisfying(
              RenewalNotAllowedException.class,
              e -> assertThat(e.eligibility().status()).isEqualTo(TOO_EARLY))
          .hasMessageContaining("TOO_EARLY");
    }

    @Test
    void refuses_a_certificate_expired_366_days_ago() {
      assertThatThrownBy(() -> RULES.renewalValidity(NOW.minus(Duration.ofDays(366))))
          .isInstanceOfSatisfying(
              RenewalNotAllowedException.class,
              e -> assertThat(e.eligibility().status()).isEqualTo(EXPIRED_TOO_LONG))
          .hasMessageContaining("EXPIRED_TOO_LONG");
    }
  }

  @Test
  void eligible_statuses_are_exactly_the_two_renewable_ones() {
    assertThat(ELIGIBLE_EXPIRING.isEligible()).isTrue();
    assertThat(ELIGIBLE_EXPIRED.isEligible()).isTrue();
    assertThat(TOO_EARLY.isEligible()).isFalse();
    assertThat(EXPIRED_TOO_LONG.isEligible()).isFalse();
  }
}
