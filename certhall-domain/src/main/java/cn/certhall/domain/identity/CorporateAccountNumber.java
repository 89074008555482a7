package cn.certhall.domain.identity;

/**
 * A corporate bank account number (对公账号) for the micro-deposit: 6 to 32 digits. Banks number these
 * accounts their own way, with no common check digit, so no Luhn check (SPEC 5). Blanks are
 * dropped.
 */
public final class CorporateAccountNumber {

  public static final int MIN_LENGTH = 6;
  public static final int MAX_LENGTH = 32;

  private CorporateAccountNumber() {}

  public static ValidationResult validate(String raw) {
    String number = Text.compact(raw);
    if (number.isEmpty()) {
      return invalid(ValidationError.EMPTY);
    }
    if (!Text.allAsciiDigits(number)) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (number.length() < MIN_LENGTH || number.length() > MAX_LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    return ValidationResult.valid(number);
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.CORPORATE_ACCOUNT_NUMBER, error);
  }
}
