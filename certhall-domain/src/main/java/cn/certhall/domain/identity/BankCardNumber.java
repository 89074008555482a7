package cn.certhall.domain.identity;

/**
 * A personal bank card number (银行卡号), as used for the bank-card verifications: 12 to 19 digits
 * whose last digit is the Luhn check digit (ISO/IEC 7812). Blanks between the groups of digits are
 * dropped. Not for corporate accounts, which have no Luhn digit: see {@link
 * CorporateAccountNumber}.
 */
public final class BankCardNumber {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 19;

  private BankCardNumber() {}

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
    if (!passesLuhn(number)) {
      return invalid(ValidationError.BAD_CHECK_CHARACTER);
    }
    return ValidationResult.valid(number);
  }

  /** From the right, every second digit doubled (less 9 above 9); the sum ends in 0. */
  private static boolean passesLuhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.BANK_CARD_NUMBER, error);
  }
}
