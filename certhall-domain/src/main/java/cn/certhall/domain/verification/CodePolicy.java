package cn.certhall.domain.verification;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of the codes of one {@link CodeChannel}.
 *
 * @param lifetime how long a code is accepted after it is issued; the last instant included
 * @param maxWrongTries wrong entries a code survives; the last of them kills it
 * @param resendCooldown how long after issuing a code the next may be issued for the same key
 */
public record CodePolicy(Duration lifetime, int maxWrongTries, Duration resendCooldown) {

  /** SMS: 10 minutes, 5 wrong tries, 60 s between codes. */
  public static final CodePolicy SMS_DEFAULT =
      new CodePolicy(Duration.ofMinutes(10), 5, Duration.ofSeconds(60));

  /**
   * Transfer remark: a transfer can take a day to show, so 7 days; 3 wrong tries (peer practice).
   */
  public static final CodePolicy TRANSFER_REMARK_DEFAULT =
      new CodePolicy(Duration.ofDays(7), 3, Duration.ofSeconds(60));

  public CodePolicy {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(resendCooldown, "resendCooldown");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("code lifetime must be positive: " + lifetime);
    }
    if (maxWrongTries < 1) {
      throw new IllegalArgumentException(
          "a code must allow at least one wrong try: " + maxWrongTries);
    }
    if (resendCooldown.isNegative()) {
      throw new IllegalArgumentException("resend cooldown must not be negative: " + resendCooldown);
    }
  }
}
