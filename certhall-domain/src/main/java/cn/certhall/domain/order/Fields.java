package cn.certhall.domain.order;

import java.util.Locale;

/**
 * Presence and length of the text an order stores; the column sizes of the orders schema are these
 * limits. Formats (check characters, mobile numbers) are not checked here. Messages name the field,
 * never its value, because the values are personal data.
 */
final class Fields {
  static final int NAME = 100;
  static final int ORGANIZATION_NAME = 200;
  static final int ID_NUMBER = 32;
  static final int MOBILE = 20;
  static final int EMAIL = 254;
  static final int ACCOUNT_NAME = 200;
  static final int ACCOUNT_NUMBER = 40;
  static final int BANK = 100;
  static final int CARD_NUMBER = 32;
  static final int CHANNEL_ID = 64;
  static final int NOTE = 500;

  private Fields() {}

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

  /** Blank counts as absent. */
  static String optional(String value, String field, int max) {
    return value == null || value.isBlank() ? null : required(value, field, max);
  }

  /**
   * For a field the chosen method does not use: blank is accepted as absent, and stored as null.
   */
  static String absent(String value, String field, Object method) {
    if (value != null && !value.isBlank()) {
      throw new IllegalArgumentException(field + " does not belong to " + method);
    }
    return null;
  }

  /** ID numbers compare upper-case without surrounding blanks: 11010519491231002x is ...002X. */
  static String idNumber(String value, String field) {
    return required(value, field, ID_NUMBER).toUpperCase(Locale.ROOT);
  }
}
