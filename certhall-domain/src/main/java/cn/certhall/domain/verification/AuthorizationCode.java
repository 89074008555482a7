package cn.certhall.domain.verification;

import java.security.SecureRandom;

/**
 * A code in clear: six decimal digits, as the person receives and types it. It exists only between
 * issuing and delivery; the store keeps a keyed hash. {@link #toString()} never shows it.
 */
public final class AuthorizationCode {
  static final int DIGITS = 6;
  private static final int BOUND = 1_000_000;

  private final String digits;

  private AuthorizationCode(String digits) {
    this.digits = digits;
  }

  /** Uniform over 000000–999999. */
  static AuthorizationCode random(SecureRandom random) {
    return new AuthorizationCode(String.format("%06d", random.nextInt(BOUND)));
  }

  /** The six digits, for the message that delivers the code. */
  public String digits() {
    return digits;
  }

  @Override
  public String toString() {
    return "AuthorizationCode[******]";
  }
}
