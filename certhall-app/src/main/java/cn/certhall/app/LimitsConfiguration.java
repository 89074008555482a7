package cn.certhall.app;

import cn.certhall.app.limit.LimitPurge;
import cn.certhall.app.persistence.JdbcCodeStore;
import cn.certhall.app.persistence.JdbcLimitCounters;
import cn.certhall.domain.limit.RateLimiter;
import cn.certhall.domain.verification.SmsCaps;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Rate limits: the domain's {@link RateLimiter} on {@code rate_limit}, the daily SMS caps, and the
 * job that purges ended counters and expired codes.
 */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

  @Bean
  RateLimiter rateLimiter(JdbcClient jdbc, Clock clock) {
    return new RateLimiter(new JdbcLimitCounters(jdbc), clock);
  }

  /**
   * The visitor's address is the request's remote address (trusted forwarded headers, where
   * configured, have set it by then). Every code request comes from a page request; read here
   * rather than passed down, the six flows that send codes need not carry it.
   */
  @Bean
  SmsCaps smsCaps(RateLimiter limiter, LimitsProperties limits) {
    LimitsProperties.Sms sms = limits.sms();
    return new SmsCaps(
        limiter,
        sms.perMobile(),
        sms.perSubject(),
        sms.perAddress(),
        () ->
            RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? Optional.ofNullable(request.getRequest().getRemoteAddr())
                : Optional.empty());
  }

  @Bean
  LimitPurge limitPurge(
      RateLimiter limiter, JdbcCodeStore codes, LimitsProperties limits, Clock clock) {
    return new LimitPurge(limiter, codes, limits.codePurgeAfter(), clock);
  }
}
