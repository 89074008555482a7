package cn.certhall.domain.identity;

import cn.certhall.domain.certificate.CertificateRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The number of a person's ID document (证件号码), checked according to its {@link IdType}; for {@link
 * IdType#UNIFIED_SOCIAL_CREDIT_CODE} the organization's code, by {@link UnifiedSocialCreditCode}.
 *
 * <p>A resident ID number is checked in full by {@link ResidentIdNumber}. The other documents have
 * no public check digit, so only their syntax is checked, about as a real CA portal does; real-name
 * verification later tells whether the number exists. After normalising (blanks dropped, letters
 * upper-cased, and for the Hong Kong, Macao and Taiwan documents parentheses dropped, so {@code
 * A123456(7)} is stored as {@code A1234567}):
 *
 * <ul>
 *   <li><b>护照</b>: 5 to 17 letters or digits. Chinese passports are E or G and 8 more characters;
 *       foreign ones vary too much for more.
 *   <li><b>港澳居民身份证/通行证</b>: 8 to 11 letters or digits in one of three layouts: the Mainland Travel
 *       Permit (回乡证) H or M and 8 digits, or 10 for the older booklets and the issue count; a Hong
 *       Kong identity card, one or two letters, 6 digits and a check digit or A; a Macao identity
 *       card, 1, 5 or 7 and 7 more digits.
 *   <li><b>台湾居民通行证</b>: 8 digits, or 10 with the issue count of the older permits.
 *   <li><b>军官证, 警士证, 军士证</b>: 4 to 20 letters, digits or Chinese characters, since these numbers
 *       are written like 南字第1234567号.
 * </ul>
 */
public final class IdNumber {

  public static final int PASSPORT_MIN_LENGTH = 5;
  public static final int PASSPORT_MAX_LENGTH = 17;
  public static final int HONG_KONG_MACAO_MIN_LENGTH = 8;
  public static final int HONG_KONG_MACAO_MAX_LENGTH = 11;
  public static final int SERVICE_CARD_MIN_LENGTH = 4;
  public static final int SERVICE_CARD_MAX_LENGTH = 20;

  private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[A-Z0-9]+");
  private static final Pattern HONG_KONG_MACAO =
      Pattern.compile(
          "[HM]\\d{8}(\\d{2})?" // Mainland Travel Permit for Hong Kong and Macao Residents
              + "|[A-Z]{1,2}\\d{6}[0-9A]" // Hong Kong identity card
              + "|[157]\\d{7}"); // Macao identity card

  private IdNumber() {}

  /**
   * As {@link #validate(IdType, String, LocalDate)}, with today's date in China time by this clock.
   */
  public static ValidationResult validate(IdType type, String raw, Clock clock) {
    return validate(type, raw, LocalDate.ofInstant(clock.instant(), CertificateRules.CHINA_TIME));
  }

  /**
   * Checks {@code raw} as a number of this type; {@code today} bounds a resident ID's birth date.
   * No type chosen is an {@link ValidationError#EMPTY} {@link Field#ID_TYPE}.
   */
  public static ValidationResult validate(IdType type, String raw, LocalDate today) {
    Objects.requireNonNull(today, "today");
    if (type == null) {
      return ValidationResult.invalid(Field.ID_TYPE, ValidationError.EMPTY);
    }
    return switch (type) {
      case UNIFIED_SOCIAL_CREDIT_CODE -> UnifiedSocialCreditCode.validate(raw);
      case RESIDENT_ID_CARD -> ResidentIdNumber.validate(raw, today);
      case PASSPORT -> checkSyntax(raw, IdNumber::passport);
      case HONG_KONG_MACAO_PERMIT -> checkSyntax(raw, IdNumber::hongKongMacao);
      case TAIWAN_RESIDENT_PERMIT -> checkSyntax(raw, IdNumber::taiwan);
      case MILITARY_OFFICER_CARD, ARMED_POLICE_CARD, SOLDIER_CARD ->
          checkSyntax(raw, IdNumber::serviceCard);
    };
  }

  private static ValidationResult checkSyntax(
      String raw, Function<String, ValidationResult> syntax) {
    String number = Text.compact(raw).toUpperCase(Locale.ROOT);
    return number.isEmpty() ? invalid(ValidationError.EMPTY) : syntax.apply(number);
  }

  private static ValidationResult passport(String number) {
    if (!LETTERS_AND_DIGITS.matcher(number).matches()) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() < PASSPORT_MIN_LENGTH || number.length() > PASSPORT_MAX_LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    return ValidationResult.valid(number);
  }

  private static ValidationResult hongKongMacao(String entered) {
    String number = withoutParentheses(entered);
    if (!LETTERS_AND_DIGITS.matcher(number).matches()) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() < HONG_KONG_MACAO_MIN_LENGTH
        || number.length() > HONG_KONG_MACAO_MAX_LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    if (!HONG_KONG_MACAO.matcher(number).matches()) {
      return invalid(ValidationError.BAD_FORMAT);
    }
    return ValidationResult.valid(number);
  }

  private static ValidationResult taiwan(String entered) {
    String number = withoutParentheses(entered);
    if (!Text.allAsciiDigits(number)) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() != 8 && number.length() != 10) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    return ValidationResult.valid(number);
  }

  private static ValidationResult serviceCard(String number) {
    boolean allowed =
        number
            .codePoints()
            .allMatch(
                c ->
                    (c >= 'A' && c <= 'Z')
                        || Text.isAsciiDigit(c)
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    if (!allowed) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    int length = number.codePointCount(0, number.length());
    if (length < SERVICE_CARD_MIN_LENGTH || length > SERVICE_CARD_MAX_LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    return ValidationResult.valid(number);
  }

  private static String withoutParentheses(String number) {
    return number.replace("(", "").replace(")", "");
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.ID_NUMBER, error);
  }
}
