package cn.certhall.app.payment.alipay;

import cn.certhall.app.CerthallProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Alipay adapter, built when {@code certhall.payment.alipay.enabled=true} (a missing setting
 * stops the start with its name), and the security filter chain of its notification path.
 *
 * <p>The provider is no default candidate for a {@code PaymentProvider}: it is one provider among
 * the payment methods', asked for by its name {@value #PROVIDER}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "certhall.payment.alipay", name = "enabled", havingValue = "true")
public class AlipayConfiguration {
  public static final String PROVIDER = "alipayPaymentProvider";

  @Bean(name = PROVIDER, defaultCandidate = false)
  AlipayPaymentProvider alipayPaymentProvider(AlipayProperties settings, CerthallProperties certhall, Clock clock) {
    if (certhall.production() && !"https".equalsIgnoreCase(settings.gatewayUrl().getScheme())) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX + "gateway-url is " + settings.gatewayUrl() + ": production calls Alipay over https");
    }
    return AlipayPaymentProvider.create(settings, certhall.publicUrl(), clock);
  }

  /**
   * Ahead of the public side's catch-all: on exactly the notification path CSRF does not apply
   * (Alipay's server holds no session a forged request could borrow; its RSA2 signature is checked
   * instead), and no session is made.
   */
  @Bean
  @Order(21)
  SecurityFilterChain alipayNotifications(HttpSecurity http) throws Exception {
    http.securityMatcher(AlipayPaymentProvider.NOTIFY_PATH)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
