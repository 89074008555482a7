package cn.certhall.app.channel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The channel pull API's own security filter chain, ahead of the public side's catch-all ({@code
 * web.SecurityConfiguration}): on {@code /api/channel/**} the {@link ChannelApiKeyFilter} decides
 * (401 without a valid {@code X-Api-Key}); no session is made or read, no cookie set, and CSRF does
 * not apply, as no browser holds credentials for this API that a forged request could borrow.
 */
@Configuration(proxyBeanMethods = false)
public class ChannelApiSecurity {

  @Bean
  @Order(20)
  SecurityFilterChain channelApi(HttpSecurity http, ChannelApiKeyFilter apiKeys) throws Exception {
    http.securityMatcher(ChannelApiKeyFilter.PATH_PREFIX + "**")
        .addFilterBefore(apiKeys, AuthorizationFilter.class)
        // the key filter has answered 401 to every request without a channel's key
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
