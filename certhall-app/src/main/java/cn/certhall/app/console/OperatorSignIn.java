package cn.certhall.app.console;

import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Console operators for Spring Security: the account from the {@code operator} table (password
 * hash, role as authority {@code ROLE_REVIEWER} or {@code ROLE_CA_ADMIN}), locked while
 * {@code locked_until} lies ahead. {@link #MAX_FAILURES} wrong passwords in a row lock it for
 * {@link #LOCK_TIME}.
 */
public final class OperatorSignIn implements UserDetailsService {
  static final int MAX_FAILURES = 5;
  static final Duration LOCK_TIME = Duration.ofMinutes(15);

  private final OperatorRepository operators;
  private final Clock clock;

  public OperatorSignIn(OperatorRepository operators, Clock clock) {
    this.operators = operators;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    Operator operator =
        operators.find(username).orElseThrow(() -> new UsernameNotFoundException("no operator"));
    Instant now = clock.instant();
    boolean locked = operator.lockedUntil() != null && now.isBefore(operator.lockedUntil());
    return User.withUsername(operator.username())
        .password(operator.passwordHash())
        .authorities(new SimpleGrantedAuthority("ROLE_" + operator.role().name()))
        .accountLocked(locked)
        .build();
  }

  void failed(String username) {
    if (username != null && !username.isBlank()) {
      operators.recordFailedLogin(username, MAX_FAILURES, clock.instant().plus(LOCK_TIME));
    }
  }

  void succeeded(String username) {
    operators.recordGoodLogin(username);
  }
}
