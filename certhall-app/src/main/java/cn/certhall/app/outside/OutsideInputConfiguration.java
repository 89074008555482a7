package cn.certhall.app.outside;

import cn.certhall.documents.outside.PdfLimits;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Input from outside that costs memory or CPU to read: the limits of every outside PDF, and the
 * limiter of the heavy anonymous endpoints (before Spring Security, whose CSRF check would
 * otherwise read the multipart body first).
 */
@Configuration(proxyBeanMethods = false)
public class OutsideInputConfiguration {

  @Bean
  PdfLimits outsidePdfLimits(OutsidePdfProperties properties) {
    return properties.limits();
  }

  @Bean
  FilterRegistrationBean<HeavyRequestLimiter> heavyRequestLimiter(
      HeavyRequestProperties properties, MessageSource messages, LocaleResolver localeResolver) {
    FilterRegistrationBean<HeavyRequestLimiter> registration =
        new FilterRegistrationBean<>(new HeavyRequestLimiter(properties, messages, localeResolver));
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
    registration.setName("heavyRequestLimiter");
    return registration;
  }
}
