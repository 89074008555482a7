package cn.certhall.domain.verification;

import cn.certhall.domain.identity.BankCardNumber;
import cn.certhall.domain.identity.CorporateAccountNumber;
import cn.certhall.domain.identity.MobileNumber;
import cn.certhall.domain.identity.ValidationResult;
import java.util.regex.Pattern;

/**
 * Guards on what reaches an outside service. The application form checks the same fields first with
 * the validators of {@code cn.certhall.domain.identity} and words the messages; failing here is a
 * programming error. The guards use the same limits, but do not repeat the check digits (those
 * belong to the form's wording). Messages name the field, never the value: the values are personal
 * data.
 */
final class Inputs {
  static final int NAME = 100;
  static final int ID_NUMBER = 32;
  static final int ACCOUNT_NAME = 200;
  static final int BANK = 100;
  private static final Pattern CARD_NUMBER =
      Pattern.compile("\\d{" + BankCardNumber.MIN_LENGTH + "," + BankCardNumber.MAX_LENGTH + "}");
  private static final Pattern ACCOUNT_NUMBER =
      Pattern.compile(
          "\\d{"
              + CorporateAccountNumber.MIN_LENGTH
              + ","
              + CorporateAccountNumber.MAX_LENGTH
              + "}");

  private Inputs() {}

  static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
    return stripped;
  }

  /** A mainland mobile as {@link MobileNumber} takes it (SPEC 5), a +86 prefix stripped. */
  static String mobile(String value, String field) {
    ValidationResult mobile = MobileNumber.validate(required(value, field, 20));
    if (!mobile.isValid()) {
      throw new IllegalArgumentException(field + " is not a mainland mobile number");
    }
    return mobile.value();
  }

  /**
   * Bank card numbers are 12 to 19 digits ({@link BankCardNumber}); blanks between groups are
   * dropped.
   */
  static String cardNumber(String value, String field) {
    String card = required(value, field, 40).replace(" ", "");
    if (!CARD_NUMBER.matcher(card).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be "
              + BankCardNumber.MIN_LENGTH
              + " to "
              + BankCardNumber.MAX_LENGTH
              + " digits");
    }
    return card;
  }

  /**
   * Corporate account numbers are digits only ({@link CorporateAccountNumber}); blanks are dropped.
   */
  static String accountNumber(String value, String field) {
    String account = required(value, field, 60).replace(" ", "");
    if (!ACCOUNT_NUMBER.matcher(account).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be "
              + CorporateAccountNumber.MIN_LENGTH
              + " to "
              + CorporateAccountNumber.MAX_LENGTH
              + " digits");
    }
    return account;
  }
}
