package cn.certhall.domain.identity;

import java.util.regex.Pattern;

/**
 * A mainland China mobile number (手机号码), the only kind the portal can send SMS codes to: {@code
 * 1[3-9]} and 9 more digits.
 *
 * <p>Blanks and dashes are dropped, and a country prefix {@code +86}, {@code 0086} or {@code 86}
 * (the last only in front of 11 digits) is removed, so the normalised number is always 11 digits.
 * Any other {@code +} or {@code 00} prefix is a foreign number: {@link
 * ValidationError#NOT_MAINLAND_MOBILE}.
 */
public final class MobileNumber {

  public static final int LENGTH = 11;

  private static final Pattern MAINLAND = Pattern.compile("1[3-9]\\d{9}");

  private MobileNumber() {}

  public static ValidationResult validate(String raw) {
    String number = Text.compact(raw).replace("-", "");
    if (number.isEmpty()) {
      return invalid(ValidationError.EMPTY);
    }
    if (number.startsWith("+86")) {
      number = number.substring(3);
    } else if (number.startsWith("0086")) {
      number = number.substring(4);
    } else if (number.startsWith("86") && number.length() == LENGTH + 2) {
      number = number.substring(2);
    } else if (number.startsWith("+") || number.startsWith("00")) {
      return invalid(ValidationError.NOT_MAINLAND_MOBILE);
    }
    if (!Text.allAsciiDigits(number)) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() != LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    if (!MAINLAND.matcher(number).matches()) {
      return invalid(ValidationError.NOT_MAINLAND_MOBILE);
    }
    return ValidationResult.valid(number);
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.MOBILE_NUMBER, error);
  }
}
