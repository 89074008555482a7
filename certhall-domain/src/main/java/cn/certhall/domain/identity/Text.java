package cn.certhall.domain.identity;

import java.text.Normalizer;

/** The normalising every validator shares (see the package documentation). */
final class Text {

  private Text() {}

  /** NFKC and trimmed; {@code null} becomes empty. */
  static String trimmed(String raw) {
    return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
  }

  /** NFKC with every blank removed; {@code null} becomes empty. */
  static String compact(String raw) {
    String text = trimmed(raw);
    StringBuilder compact = new StringBuilder(text.length());
    text.codePoints()
        .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
        .forEach(compact::appendCodePoint);
    return compact.toString();
  }

  static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean allAsciiDigits(String text) {
    return text.chars().allMatch(Text::isAsciiDigit);
  }
}
