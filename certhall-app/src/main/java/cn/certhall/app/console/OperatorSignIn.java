package cn.certhall.app.console;

import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Operator;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Console operators for Spring Security: the account from the {@code operator} table (password
 * hash, role as authority {@code ROLE_REVIEWER}, {@code ROLE_CA_ADMIN} or {@code ROLE_FINANCE}).
 * Wrong passwords and locks are {@link SignInThrottle}'s.
 */
public final class OperatorSignIn implements UserDetailsService {
  private final OperatorRepository operators;

  public OperatorSignIn(OperatorRepository operators) {
    this.operators = operators;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    Operator operator =
        operators.find(username).orElseThrow(() -> new UsernameNotFoundException("no operator"));
    return User.withUsername(operator.username())
        .password(operator.passwordHash())
        .authorities(new SimpleGrantedAuthority("ROLE_" + operator.role().name()))
        .build();
  }
}
