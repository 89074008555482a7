package cn.certhall.domain.identity;

import cn.certhall.domain.certificate.CertificateRules;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A resident ID number (居民身份证号码, GB 11643-1999): a 6-digit area code, the 8-digit birth date
 * (yyyyMMdd), a 3-digit sequence and a check digit, where 10 is written X.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Only the 18-character form. The 15-digit numbers of first-generation cards stopped being
 *       valid in 2013 and are refused as {@link ValidationError#BAD_LENGTH}.
 *   <li>The birth date must be a real calendar date, not after today and not before 1800 (the
 *       standard's own example, 440524188001010014, was born in 1880); the lower bound catches a
 *       mistyped century such as 0949 that the check digit alone lets through once in eleven.
 *   <li>"Today" is a date in China time, where the number was issued; a person born today is valid.
 *   <li>The area code and the sequence are not checked against lists: the administrative divisions
 *       change every year and old numbers keep abolished codes.
 * </ul>
 */
public final class ResidentIdNumber {

  public static final int LENGTH = 18;

  private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1800, 1, 1);
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  private ResidentIdNumber() {}

  /** As {@link #validate(String, LocalDate)}, with today's date in China time by this clock. */
  public static ValidationResult validate(String raw, Clock clock) {
    return validate(raw, LocalDate.ofInstant(clock.instant(), CertificateRules.CHINA_TIME));
  }

  /** Accepts a lower-case x and blanks; the normalised number has an upper-case X and no blanks. */
  public static ValidationResult validate(String raw, LocalDate today) {
    Objects.requireNonNull(today, "today");
    String number = Text.compact(raw).toUpperCase(Locale.ROOT);
    if (number.isEmpty()) {
      return invalid(ValidationError.EMPTY);
    }
    String body = number.substring(0, number.length() - 1);
    char last = number.charAt(number.length() - 1);
    if (!Text.allAsciiDigits(body) || !(Text.isAsciiDigit(last) || last == 'X')) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() != LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    LocalDate birthDate = birthDate(number);
    if (birthDate == null || birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
      return invalid(ValidationError.BAD_BIRTH_DATE);
    }
    if (birthDate.isAfter(today)) {
      return invalid(ValidationError.BIRTH_DATE_IN_FUTURE);
    }
    if (last != checkDigit(number)) {
      return invalid(ValidationError.BAD_CHECK_CHARACTER);
    }
    return ValidationResult.valid(number);
  }

  /** The date in positions 7 to 14, or {@code null} when there is no such day. */
  private static LocalDate birthDate(String number) {
    try {
      return LocalDate.of(
          Integer.parseInt(number.substring(6, 10)),
          Integer.parseInt(number.substring(10, 12)),
          Integer.parseInt(number.substring(12, 14)));
    } catch (DateTimeException noSuchDay) {
      return null;
    }
  }

  /** (12 − Σ aᵢ·Wᵢ mod 11) mod 11 over the first 17 digits, 10 written X. */
  private static char checkDigit(String number) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += (number.charAt(i) - '0') * WEIGHTS[i];
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.RESIDENT_ID_NUMBER, error);
  }
}
