package cn.certhall.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (限流), kept in the database so that they hold across nodes.
 *
 * @param signIn console sign-in tries
 * @param sms text messages sent on an anonymous visitor's request
 * @param purgeInterval how often ended counters and long-expired codes are deleted
 * @param codePurgeAfter how long an expired code is kept, so a late entry still hears 已过期
 */
@ConfigurationProperties("certhall.limits")
public record LimitsProperties(
    @DefaultValue SignIn signIn,
    @DefaultValue Sms sms,
    @DefaultValue("1h") Duration purgeInterval,
    @DefaultValue("1d") Duration codePurgeAfter) {

  /**
   * Wrong passwords are counted before the password is compared, per visitor address and per
   * account (user name as typed, existing or not), in fixed windows. An address that reaches its
   * cap is refused until its window ends; an account that reaches its cap — only possible from
   * several addresses, since {@code maxFailuresPerAccount} must exceed {@code
   * maxFailuresPerAddress} — is locked for everyone until the window ends or a CA administrator
   * unlocks it (resets its password).
   *
   * @param window the fixed window both counts run in; divides a day
   */
  public record SignIn(
      @DefaultValue("15m") Duration window,
      @DefaultValue("10") int maxFailuresPerAddress,
      @DefaultValue("30") int maxFailuresPerAccount) {
    public SignIn {
      if (maxFailuresPerAccount <= maxFailuresPerAddress) {
        throw new IllegalArgumentException(
            "certhall.limits.sign-in.max-failures-per-account must be greater than"
                + " max-failures-per-address, or one address could lock any account");
      }
    }
  }

  /** Text messages per calendar day (China time). */
  public record Sms(
      @DefaultValue("10") int perMobile,
      @DefaultValue("20") int perSubject,
      @DefaultValue("50") int perAddress) {}
}
