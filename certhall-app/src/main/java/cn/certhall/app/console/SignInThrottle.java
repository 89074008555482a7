package cn.certhall.app.console;

import cn.certhall.app.LimitsProperties;
import cn.certhall.domain.limit.Limit;
import cn.certhall.domain.limit.RateLimiter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Console sign-in tries, counted <em>before</em> the password is compared (as the seal PIN's {@code
 * PinGuard} does), so parallel requests get no more guesses between them than the caps allow: per
 * visitor address first, then per account from all addresses. The account is the user name as
 * typed, whether it exists or not, so a refusal ("too many tries") is the same answer at the same
 * cost (no password compared) for every name. A good password gives its tries back: only failures
 * count. See {@link LimitsProperties.SignIn}.
 */
public final class SignInThrottle implements AuthenticationProvider {
  private final AuthenticationProvider passwords;
  private final RateLimiter limiter;
  private final Limit perAddress;
  private final Limit perAccount;

  public SignInThrottle(
      AuthenticationProvider passwords, RateLimiter limiter, LimitsProperties.SignIn settings) {
    this.passwords = passwords;
    this.limiter = limiter;
    this.perAddress =
        new Limit("sign-in-address", settings.maxFailuresPerAddress(), settings.window());
    this.perAccount =
        new Limit("sign-in-account", settings.maxFailuresPerAccount(), settings.window());
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String address =
        attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
    Optional<RateLimiter.Permit> byAddress =
        limiter.take(perAddress, address == null ? "" : address);
    if (byAddress.isEmpty()) {
      throw new LockedException("too many sign-in tries from this address");
    }
    Optional<RateLimiter.Permit> byAccount = limiter.take(perAccount, account(attempt.getName()));
    if (byAccount.isEmpty()) {
      throw new LockedException("too many sign-in tries for this account");
    }
    Authentication signedIn = passwords.authenticate(attempt);
    limiter.giveBack(byAddress.get());
    limiter.giveBack(byAccount.get());
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }

  /** Whether the account is locked for everyone (too many failures from several addresses). */
  public boolean locked(String username) {
    return limiter.exhausted(perAccount, account(username));
  }

  /** An administrator's unlock. */
  public void unlock(String username) {
    limiter.clear(perAccount, account(username));
  }

  private static String account(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
