package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.operations.CachedFigures;
import cn.certhall.app.operations.CerthallMetrics;
import cn.certhall.app.operations.CertificateAuthoritiesHealthIndicator;
import cn.certhall.app.operations.KeyStoreHealthIndicator;
import cn.certhall.app.operations.OcspObservations;
import cn.certhall.app.operations.OperationsProperties;
import cn.certhall.app.operations.OutboxHealthIndicator;
import cn.certhall.app.persistence.OperationsFigures;
import cn.certhall.domain.review.ReviewDashboard;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.ocsp.OcspResponder;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Health and metrics on the management port (docs/operations.md). The readiness group of
 * application.yml takes the indicators by their bean names less "HealthIndicator": {@code
 * keyStore}, {@code certificateAuthorities}, {@code outbox}, with Boot's {@code db}.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

  @Bean
  CachedFigures cachedFigures(
      JdbcClient jdbc, ReviewDashboard dashboard, OperationsProperties operations, Clock clock) {
    return new CachedFigures(
        new OperationsFigures(jdbc), dashboard, operations.figuresMaxAge(), clock);
  }

  /** Applied by Spring Boot to the observation registry: no generic observation of /ocsp. */
  @Bean
  static OcspObservations ocspObservations() {
    return new OcspObservations();
  }

  @Bean
  KeyStoreHealthIndicator keyStoreHealthIndicator(SigningKeyStore keys, CaRegistry cas) {
    return new KeyStoreHealthIndicator(keys, cas);
  }

  @Bean
  CertificateAuthoritiesHealthIndicator certificateAuthoritiesHealthIndicator(
      CaRegistry cas, CerthallProperties properties, Clock clock) {
    return new CertificateAuthoritiesHealthIndicator(cas, properties.ca().hierarchies(), clock);
  }

  @Bean
  OutboxHealthIndicator outboxHealthIndicator(
      CachedFigures figures, OperationsProperties operations) {
    return new OutboxHealthIndicator(figures, operations.outboxBacklogLimit());
  }

  @Bean
  CerthallMetrics certhallMetrics(CachedFigures figures, OcspResponder responder, CaRegistry cas) {
    return new CerthallMetrics(figures, responder, cas);
  }
}
