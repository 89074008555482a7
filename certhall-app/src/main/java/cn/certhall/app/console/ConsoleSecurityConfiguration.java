package cn.certhall.app.console;

import cn.certhall.app.LimitsProperties;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.domain.limit.RateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The review console's own filter chain ({@code /console/**}), ahead of the public side's
 * catch-all: operators sign in with a form (password hashes of {@code operator}, the delegating
 * encoder: bcrypt), wrong passwords are throttled per address and per account ({@link
 * SignInThrottle}), a session ends after {@link #SESSION_TIMEOUT} without a request, CSRF is on.
 * Reviewers reach the queue and the decisions; only CA administrators reach {@code
 * /console/admin/**}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {
  static final Duration SESSION_TIMEOUT = Duration.ofMinutes(15);

  @Bean
  OperatorSignIn operatorSignIn(OperatorRepository operators) {
    return new OperatorSignIn(operators);
  }

  @Bean
  SignInThrottle signInThrottle(
      OperatorSignIn operators,
      PasswordEncoder passwords,
      RateLimiter limiter,
      LimitsProperties limits) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators);
    provider.setPasswordEncoder(passwords);
    return new SignInThrottle(provider, limiter, limits.signIn());
  }

  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http, SignInThrottle signIn) throws Exception {
    http.securityMatcher("/console/**")
        .authenticationManager(new ProviderManager(signIn))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/console/login")
                    .permitAll()
                    .requestMatchers("/console/admin/**")
                    .hasRole("CA_ADMIN")
                    // 财务打款任务: the remarks carry the codes, so finance alone reads them
                    .requestMatchers("/console/transfers", "/console/transfers/**")
                    .hasRole("FINANCE")
                    .anyRequest()
                    .hasAnyRole("REVIEWER", "CA_ADMIN"))
        .formLogin(
            form ->
                form.loginPage("/console/login")
                    .loginProcessingUrl("/console/login")
                    .successHandler(
                        (request, response, authentication) -> {
                          request
                              .getSession()
                              .setMaxInactiveInterval((int) SESSION_TIMEOUT.toSeconds());
                          boolean finance =
                              authentication.getAuthorities().stream()
                                  .anyMatch(a -> "ROLE_FINANCE".equals(a.getAuthority()));
                          response.sendRedirect(
                              request.getContextPath()
                                  + (finance ? "/console/transfers" : "/console/"));
                        })
                    .failureHandler(
                        (request, response, exception) ->
                            response.sendRedirect(
                                request.getContextPath()
                                    + "/console/login?"
                                    + (exception instanceof LockedException ? "locked" : "error"))))
        .logout(
            logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?out"))
        // a missing role gets its own page; a CSRF failure keeps the error page's "页面已过期"
        .exceptionHandling(
            exceptions ->
                exceptions.accessDeniedHandler(
                    new DelegatingAccessDeniedHandler(
                        new LinkedHashMap<>(
                            Map.<Class<? extends AccessDeniedException>, AccessDeniedHandler>of(
                                CsrfException.class, new AccessDeniedHandlerImpl())),
                        forbiddenPage())))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                    + " script-src 'self'; form-action 'self';"
                                    + " frame-ancestors 'none'; base-uri 'self'; object-src 'none'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  private static AccessDeniedHandler forbiddenPage() {
    AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
    page.setErrorPage(ConsoleController.FORBIDDEN);
    return page;
  }
}
