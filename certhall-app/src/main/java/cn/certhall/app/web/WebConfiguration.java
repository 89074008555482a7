package cn.certhall.app.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language of the pages: Chinese (zh-CN) unless the person asks for English with {@code ?lang=en};
 * the choice is kept in a cookie, so it holds on every later page and across the session's end.
 * {@code ?lang=zh-CN} goes back. Other languages fall back to Chinese.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  public static final String LANGUAGE_PARAMETER = "lang";
  static final String LANGUAGE_COOKIE = "certhall-lang";

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
    resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName(LANGUAGE_PARAMETER);
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }

  /** English if the resolved locale is English, else Chinese: the two languages the pages have. */
  public static Locale supported(Locale locale) {
    return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
        ? Locale.ENGLISH
        : Locale.SIMPLIFIED_CHINESE;
  }
}
