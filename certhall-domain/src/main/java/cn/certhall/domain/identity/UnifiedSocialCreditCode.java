package cn.certhall.domain.identity;

import java.util.Locale;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) that identifies the organization: 18
 * characters from {@value #CHARACTERS} (no I, O, S, V or Z), of which the 3rd to 8th are the digits
 * of the registering authority's area code and the 18th is a check character.
 *
 * <p>The first two characters (registering authority and organization category) are not checked
 * against a list: new categories appear, and a real code must never be refused for a character the
 * list did not know yet. The area code is not checked against the administrative divisions either,
 * which change every year while codes keep the old ones.
 */
public final class UnifiedSocialCreditCode {

  /** The code's alphabet; a character's value is its index. */
  public static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  public static final int LENGTH = 18;

  /** Wᵢ = 3^(i−1) mod 31, for the first 17 characters. */
  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private static final int MODULUS = CHARACTERS.length();

  private UnifiedSocialCreditCode() {}

  /** Accepts lower case and blanks; the normalised code is upper case without blanks. */
  public static ValidationResult validate(String raw) {
    String code = Text.compact(raw).toUpperCase(Locale.ROOT);
    if (code.isEmpty()) {
      return invalid(ValidationError.EMPTY);
    }
    if (!code.chars().allMatch(c -> CHARACTERS.indexOf(c) >= 0)) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (code.length() != LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    if (!Text.allAsciiDigits(code.substring(2, 8))) {
      return invalid(ValidationError.BAD_FORMAT);
    }
    if (code.charAt(LENGTH - 1) != checkCharacter(code)) {
      return invalid(ValidationError.BAD_CHECK_CHARACTER);
    }
    return ValidationResult.valid(code);
  }

  /** charset[(31 − Σ v(cᵢ)·Wᵢ mod 31) mod 31] over the first 17 characters. */
  private static char checkCharacter(String code) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += CHARACTERS.indexOf(code.charAt(i)) * WEIGHTS[i];
    }
    return CHARACTERS.charAt((MODULUS - sum % MODULUS) % MODULUS);
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.UNIFIED_SOCIAL_CREDIT_CODE, error);
  }
}
