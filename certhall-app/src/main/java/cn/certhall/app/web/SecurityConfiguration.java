package cn.certhall.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security of the public side: the applicant portal, the sandbox, and the relying parties'
 * endpoints (CA certificates, CRLs, OCSP). Nobody logs in here; the portal's pages are open and
 * each order page checks {@link OrderAccess} itself.
 *
 * <p>CSRF protection is on for every page (Thymeleaf forms carry the token by themselves). It is
 * off only for machine endpoints that no browser form posts to and that carry no session: the OCSP
 * responder (RFC 6960 clients POST raw DER), the sandbox API and the payment providers'
 * notifications (each verified by the provider's signature).
 *
 * <p>This chain is the catch-all, last in order. A console with a login (the review console) adds
 * its own {@code SecurityFilterChain} with a {@code securityMatcher} for its paths and a smaller
 * {@code @Order}, and leaves this one alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  /** Paths that machines call without a session and without a CSRF token. */
  static final String[] MACHINE_ENDPOINTS = {
    "/ocsp",
    "/ocsp/**",
    "/tsa",
    "/sandbox/api/**",
    "/api/verify",
    // payment providers' notifications, authenticated by the provider's signature instead
    "/api/payment/wechat/notify",
    "/api/payment/wechat/refund-notify",
    "/api/payment/alipay/notify"
  };

  /**
   * Our pages load nothing from elsewhere and run no script of their own: no CDN, no inline code.
   * Images may be data URLs (seal previews, QR codes).
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain publicSide(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens()).ignoringRequestMatchers(MACHINE_ENDPOINTS))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        // nobody logs in here, so there is no saved request to return to after a login
        .requestCache(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /**
   * The public side's CSRF token lives in a cookie of its own (HttpOnly, SameSite=Lax, Secure over
   * HTTPS), checked against the form's hidden field (Spring Security's double submit, the field
   * masked per page against BREACH), not in the HTTP session: an anonymous visit of a page with a
   * form (我的订单, the application form) then makes no session row in the database, so a flood of GETs
   * cannot fill {@code spring_session}, and any node checks the token without a session. A
   * cross-site page can neither read the cookie nor set it (SameSite, HttpOnly), so it cannot make
   * the pair. The console keeps its token in the operator's session (its own chain).
   */
  static CookieCsrfTokenRepository csrfTokens() {
    CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
    tokens.setCookieName("CERTHALL-CSRF");
    // the same header as the session-held token had (the seal app's scripts and API clients send
    // it)
    tokens.setHeaderName("X-CSRF-TOKEN");
    tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").httpOnly(true));
    return tokens;
  }

  /**
   * Spring Security's firewall refuses an encoded slash in a path, but an OCSP GET (RFC 5019)
   * carries base64, whose {@code /} arrives as {@code %2F} (Tomcat passes it through, see {@code
   * AppConfiguration}). Only {@code /ocsp/…} gets a firewall that allows it; every other path keeps
   * the strict one. Requests to the OCSP responder bypass the filter chain (see below).
   */
  @Bean
  WebSecurityCustomizer ocspGetFirewall() {
    StrictHttpFirewall strict = new StrictHttpFirewall();
    StrictHttpFirewall ocsp = new StrictHttpFirewall();
    ocsp.setAllowUrlEncodedSlash(true);
    ocsp.setAllowUrlEncodedDoubleSlash(true);
    // Tomcat passes %2F through undecoded, so the decoded path still holds a '%'
    ocsp.setAllowUrlEncodedPercent(true);
    HttpFirewall firewall =
        new HttpFirewall() {
          @Override
          public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            boolean ocspGet =
                request.getRequestURI().startsWith(request.getContextPath() + "/ocsp/");
            return (ocspGet ? ocsp : strict).getFirewalledRequest(request);
          }

          @Override
          public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return strict.getFirewalledResponse(response);
          }
        };
    // The OCSP responder is a machine endpoint under internet-scale load: no session, no form,
    // no page to protect. Spring Security's filter chain (CSRF, security headers, anonymous
    // authentication, authorization) cost about 10 µs of the 30 µs an answer takes (measured,
    // docs/benchmarks.md), so /ocsp skips it. The firewall above still applies to it.
    return web -> web.httpFirewall(firewall).ignoring().requestMatchers("/ocsp", "/ocsp/**");
  }
}
