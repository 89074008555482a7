package cn.certhall.domain.sealing;

import java.util.Locale;
import java.util.Optional;

/**
 * The seal PIN (用章密码): what the administrator types to release the organization's hosted key for
 * one sealing. Exactly six digits; PINs anyone would guess first (one digit six times, a run up or
 * down) are refused. It is never stored: only its slow hash ({@link PinHasher}).
 */
public final class SealPin {
  public static final int LENGTH = 6;

  private SealPin() {}

  /** Why a new PIN is refused. */
  public enum Problem {
    EMPTY("请输入用章密码", "Enter the seal PIN."),
    NOT_SIX_DIGITS("用章密码应为6位数字", "The seal PIN must be 6 digits."),
    TOO_SIMPLE(
        "用章密码过于简单（如 111111、123456），请换一个",
        "The seal PIN is too easy to guess (such as 111111 or 123456); choose another."),
    MISMATCH("两次输入的用章密码不一致", "The two PINs you entered differ.");

    private final String chinese;
    private final String english;

    Problem(String chinese, String english) {
      this.chinese = chinese;
      this.english = english;
    }

    public String message(Locale locale) {
      return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? english : chinese;
    }
  }

  /** Checks a PIN being chosen, and that it was typed the same twice. */
  public static Optional<Problem> checkNew(String pin, String repeated) {
    Optional<Problem> format = checkFormat(pin);
    if (format.isPresent()) {
      return format;
    }
    if (tooSimple(pin)) {
      return Optional.of(Problem.TOO_SIMPLE);
    }
    return pin.equals(repeated) ? Optional.empty() : Optional.of(Problem.MISMATCH);
  }

  /** Checks the form of a PIN being entered (not yet whether it is right). */
  public static Optional<Problem> checkFormat(String pin) {
    if (pin == null || pin.isEmpty()) {
      return Optional.of(Problem.EMPTY);
    }
    if (pin.length() != LENGTH || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(Problem.NOT_SIX_DIGITS);
    }
    return Optional.empty();
  }

  static boolean tooSimple(String pin) {
    boolean same = true;
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < pin.length(); i++) {
      int step = pin.charAt(i) - pin.charAt(i - 1);
      same &= step == 0;
      up &= step == 1;
      down &= step == -1;
    }
    return same || up || down;
  }
}
