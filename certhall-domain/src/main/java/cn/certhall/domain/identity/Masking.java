package cn.certhall.domain.identity;

import java.util.Set;

/**
 * Personal data as it is shown back (SPEC 4): on the confirm page, in order query and in messages.
 * Enough for the person to recognise their own data, not enough to reuse it. Each hidden character
 * becomes one {@code *}, except where noted. The inputs are expected normalised (as the validators
 * return them); {@code null} or blank gives an empty string.
 *
 * <p>What is kept:
 *
 * <ul>
 *   <li>ID numbers of 15 characters or more: the first 3 and the last 4 ({@code
 *       110***********1234}); of 7 to 14: the first and the last 2 ({@code E******78}); of 3 to 6:
 *       the first; shorter ones: nothing. Always less than half is shown. The organization's credit
 *       code is public and not masked.
 *   <li>Mobile numbers: the first 3 and the last 4 ({@code 138****5678}); anything that is not 11
 *       characters is masked like an ID number.
 *   <li>Bank cards and accounts of 12 digits or more: the first 4 (the bank) and the last 4, in the
 *       fixed layout {@code 6222 **** **** 1234}, which does not tell the length; shorter ones:
 *       {@code ****}.
 *   <li>Where only the end of a card or account number is needed to find it ("尾号 2233"): {@link
 *       #lastFour} gives {@code ****2233} for 8 digits or more, else {@code ****}.
 *   <li>Names: the surname, that is the first character, or the first two for a common compound
 *       surname (欧阳, 司马, …), when at least one character is left to hide: {@code 张*}, {@code 欧阳**}.
 *       A one-character name is {@code *}.
 *   <li>E-mail addresses: the first character before the {@code @} and the domain, with a fixed
 *       {@code ***} for the rest, which does not tell its length: {@code a***@example.com}.
 * </ul>
 */
public final class Masking {

  private static final String STAR = "*";
  private static final Set<String> COMPOUND_SURNAMES =
      Set.of(
          "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯", "轩辕",
          "令狐", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠",
          "钟离", "百里", "呼延", "东郭", "赫连", "拓跋", "公羊", "第五");

  private Masking() {}

  public static String idNumber(String number) {
    int length = codePointLength(number);
    if (length >= 15) {
      return keep(number, 3, 4);
    }
    if (length >= 7) {
      return keep(number, 1, 2);
    }
    if (length >= 3) {
      return keep(number, 1, 0);
    }
    return STAR.repeat(length);
  }

  public static String mobile(String number) {
    return codePointLength(number) == MobileNumber.LENGTH ? keep(number, 3, 4) : idNumber(number);
  }

  public static String bankCard(String number) {
    if (codePointLength(number) < BankCardNumber.MIN_LENGTH) {
      return isBlank(number) ? "" : "****";
    }
    return number.substring(0, 4) + " **** **** " + number.substring(number.length() - 4);
  }

  /** {@code ****} and the last four, for 8 characters or more; else {@code ****}. */
  public static String lastFour(String number) {
    if (codePointLength(number) < 8) {
      return "****";
    }
    return "****" + number.substring(number.length() - 4);
  }

  public static String name(String name) {
    if (isBlank(name)) {
      return "";
    }
    String trimmed = name.strip();
    int length = codePointLength(trimmed);
    int surname = length > 2 && COMPOUND_SURNAMES.contains(prefix(trimmed, 2)) ? 2 : 1;
    return length > surname ? keep(trimmed, surname, 0) : STAR.repeat(length);
  }

  public static String email(String address) {
    if (isBlank(address)) {
      return "";
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return "***";
    }
    return prefix(address.substring(0, at), 1) + "***" + address.substring(at);
  }

  /** The first {@code head} and last {@code tail} code points, a star for each one between. */
  private static String keep(String text, int head, int tail) {
    int[] codePoints = text.codePoints().toArray();
    StringBuilder masked = new StringBuilder();
    for (int i = 0; i < codePoints.length; i++) {
      if (i < head || i >= codePoints.length - tail) {
        masked.appendCodePoint(codePoints[i]);
      } else {
        masked.append(STAR);
      }
    }
    return masked.toString();
  }

  private static String prefix(String text, int codePoints) {
    return text.codePoints()
        .limit(codePoints)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static int codePointLength(String text) {
    return text == null ? 0 : text.codePointCount(0, text.length());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
