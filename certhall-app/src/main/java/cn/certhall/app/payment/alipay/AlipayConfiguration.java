package cn.certhall.app.payment.alipay;

import cn.certhall.app.CerthallProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Alipay adapter, built when {@code certhall.payment.alipay.enabled=true} (a missing setting
 * stops the start with its name). As a {@link cn.certhall.app.payment.PaymentAdapter} it serves the
 * cashier's ALIPAY ({@code PaymentConfiguration#paymentProviders}); its notification path is one of
 * {@code SecurityConfiguration}'s machine endpoints (no CSRF token: the RSA2 signature is checked
 * instead).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "certhall.payment.alipay", name = "enabled", havingValue = "true")
public class AlipayConfiguration {
  public static final String PROVIDER = "alipayPaymentProvider";

  @Bean(name = PROVIDER)
  AlipayPaymentProvider alipayPaymentProvider(
      AlipayProperties settings, CerthallProperties certhall, Clock clock) {
    if (certhall.production() && !"https".equalsIgnoreCase(settings.gatewayUrl().getScheme())) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX
              + "gateway-url is "
              + settings.gatewayUrl()
              + ": production calls Alipay over https");
    }
    return AlipayPaymentProvider.create(settings, certhall.publicUrl(), clock);
  }
}
