package cn.certhall.domain.verification;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * What a person typed into a six-digit code field (an SMS code, a 证书授权码, the seal app's sign-in
 * code): the one parser of every form. Full-width digits (a Chinese input method's) and blanks
 * around the code are forgiven; anything else that is not six digits is a format error, which the
 * forms answer without spending a try.
 */
public sealed interface TypedCode {

  /** Longer input is cut here before it is looked at, so a huge field costs nothing. */
  int MAX_READ = 32;

  /** Six ASCII digits, ready for {@link AuthorizationCodes#verify}. */
  record Six(String digits) implements TypedCode {}

  /** Nothing was typed. */
  record Empty() implements TypedCode {}

  /** Something was typed that is not six digits. */
  record Malformed() implements TypedCode {}

  static TypedCode parse(String typed) {
    if (typed == null) {
      return new Empty();
    }
    String read = typed.length() > MAX_READ ? typed.substring(0, MAX_READ) : typed;
    String code = Normalizer.normalize(read, Normalizer.Form.NFKC).strip();
    if (code.isEmpty()) {
      return new Empty();
    }
    return Holder.SIX_ASCII_DIGITS.matcher(code).matches() ? new Six(code) : new Malformed();
  }

  /** The six digits, or null when the input was not a code. */
  default String digitsOrNull() {
    return this instanceof Six six ? six.digits() : null;
  }

  /** Keeps the pattern out of the interface's public constants. */
  final class Holder {
    static final Pattern SIX_ASCII_DIGITS = Pattern.compile("[0-9]{6}");

    private Holder() {}
  }
}
