package cn.certhall.domain.identity;

import java.util.Locale;

/**
 * The handler's e-mail address (电子邮箱), where the review result is sent. A pragmatic check, not RFC
 * 5322: the address that matters is the one the handler can read, and a typo the check lets through
 * costs only a missed e-mail next to the SMS. Accepted: at most {@value #MAX_LENGTH} characters, no
 * blanks or control characters, exactly one {@code @} with 1 to {@value #MAX_LOCAL_LENGTH}
 * characters before it, and a domain of at least two non-empty labels separated by dots.
 *
 * <p>Normalised: trimmed, and the domain lower-cased (domains are case-insensitive; the part before
 * the {@code @} is left as typed, since in principle the receiving server may distinguish case
 * there).
 */
public final class EmailAddress {

  public static final int MAX_LENGTH = 254;
  public static final int MAX_LOCAL_LENGTH = 64;

  private EmailAddress() {}

  public static ValidationResult validate(String raw) {
    String address = Text.trimmed(raw);
    if (address.isEmpty()) {
      return invalid(ValidationError.EMPTY);
    }
    if (address
        .codePoints()
        .anyMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.isISOControl(c))) {
      return invalid(ValidationError.BAD_CHARACTER);
    }
    if (address.length() > MAX_LENGTH) {
      return invalid(ValidationError.BAD_LENGTH);
    }
    int at = address.indexOf('@');
    if (at != address.lastIndexOf('@')) {
      return invalid(ValidationError.BAD_FORMAT);
    }
    String local = at < 0 ? "" : address.substring(0, at);
    String domain = at < 0 ? "" : address.substring(at + 1);
    if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH || !isDomain(domain)) {
      return invalid(ValidationError.BAD_FORMAT);
    }
    return ValidationResult.valid(local + "@" + domain.toLowerCase(Locale.ROOT));
  }

  private static boolean isDomain(String domain) {
    return domain.contains(".")
        && !domain.startsWith(".")
        && !domain.endsWith(".")
        && !domain.contains("..");
  }

  private static ValidationResult invalid(ValidationError error) {
    return ValidationResult.invalid(Field.EMAIL_ADDRESS, error);
  }
}
