package cn.certhall.domain.sealing;

import java.util.Optional;

/**
 * The seal PIN (用章密码): what the administrator types to release the organization's hosted key for
 * one sealing. Exactly six digits; PINs anyone would guess first (one digit six times, a run up or
 * down) are refused. It is never stored: only its slow hash ({@link PinHasher}).
 */
public final class SealPin {
  public static final int LENGTH = 6;

  private SealPin() {}

  /**
   * Why a new PIN is refused, as a message key; the words are the app's ({@code
   * i18n/sealapp*.properties}), in the reader's language.
   */
  public enum Problem {
    EMPTY("sealapp.pin.problem.empty"),
    NOT_SIX_DIGITS("sealapp.pin.problem.notSixDigits"),
    /** One digit six times, or a run up or down (111111, 123456, 987654). */
    TOO_SIMPLE("sealapp.pin.problem.tooSimple"),
    MISMATCH("sealapp.pin.problem.mismatch");

    private final String messageKey;

    Problem(String messageKey) {
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
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
