package cn.certhall.domain.verification;

import java.util.regex.Pattern;

/**
 * Guards on what reaches an outside service. The application form checks the same fields first
 * and words the messages; failing here is a programming error. Messages name the field, never
 * the value: the values are personal data.
 */
final class Inputs {
    static final int NAME = 100;
    static final int ID_NUMBER = 32;
    static final int ACCOUNT_NAME = 200;
    static final int BANK = 100;
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d{12,19}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{6,40}");

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

    /** A mainland mobile (SPEC 5), an optional +86 or 86 prefix stripped. */
    static String mobile(String value, String field) {
        String mobile = required(value, field, 20).replace(" ", "").replace("-", "");
        if (mobile.startsWith("+86")) {
            mobile = mobile.substring(3);
        } else if (mobile.length() == 13 && mobile.startsWith("86")) {
            mobile = mobile.substring(2);
        }
        if (!MAINLAND_MOBILE.matcher(mobile).matches()) {
            throw new IllegalArgumentException(field + " is not a mainland mobile number");
        }
        return mobile;
    }

    /** Bank card numbers are 12 to 19 digits; blanks between groups are dropped. */
    static String cardNumber(String value, String field) {
        String card = required(value, field, 40).replace(" ", "");
        if (!CARD_NUMBER.matcher(card).matches()) {
            throw new IllegalArgumentException(field + " must be 12 to 19 digits");
        }
        return card;
    }

    /** Corporate account numbers are digits only (no Luhn check: SPEC 5); blanks are dropped. */
    static String accountNumber(String value, String field) {
        String account = required(value, field, 60).replace(" ", "");
        if (!ACCOUNT_NUMBER.matcher(account).matches()) {
            throw new IllegalArgumentException(field + " must be 6 to 40 digits");
        }
        return account;
    }
}
