package cn.certhall.app;

import cn.certhall.app.audit.AuditingIssuanceLedger;
import cn.certhall.app.audit.AuditingKeyStore;
import cn.certhall.app.ca.CaBootstrap;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.ca.KeyStoreFactory;
import cn.certhall.app.operations.OcspMetrics;
import cn.certhall.app.persistence.CaRepository;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CrlRepository;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.JdbcKeyFiles;
import cn.certhall.app.persistence.OcspSignerRepository;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.RevocationNotices;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.revocation.CrlPublisher;
import cn.certhall.app.revocation.OcspCacheInvalidation;
import cn.certhall.app.revocation.OcspSigners;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.app.web.OcspServlet;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.ocsp.OcspResponder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the plain-Java engine and repositories into the Spring application. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AppConfiguration {

  /**
   * The one clock of the application; a test that runs the whole app on its own clock gives one.
   */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Every key generated is in the audit log. */
  @Bean(destroyMethod = "close")
  SigningKeyStore signingKeyStore(CerthallProperties properties, AuditLog audit, JdbcClient jdbc) {
    return new AuditingKeyStore(KeyStoreFactory.open(properties, new JdbcKeyFiles(jdbc)), audit);
  }

  /** Every certificate signed is in the audit log. */
  @Bean
  IssuanceLedger issuanceLedger(JdbcClient jdbc, AuditLog audit) {
    return new AuditingIssuanceLedger(new JdbcIssuanceLedger(jdbc), audit);
  }

  @Bean
  CaRepository caRepository(JdbcClient jdbc) {
    return new CaRepository(jdbc);
  }

  @Bean
  CertificateRepository certificateRepository(JdbcClient jdbc) {
    return new CertificateRepository(jdbc);
  }

  @Bean
  OperatorRepository operatorRepository(JdbcClient jdbc) {
    return new OperatorRepository(jdbc);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  CaBootstrap caBootstrap(
      CerthallProperties properties,
      SigningKeyStore keys,
      CaRepository cas,
      IssuanceLedger ledger,
      Clock clock) {
    return new CaBootstrap(properties, keys, cas, ledger, new SerialNumberGenerator(), clock);
  }

  /** Depends on Flyway having run: Boot migrates before JdbcClient users are initialised. */
  @Bean
  CaRegistry caRegistry(CaBootstrap bootstrap) {
    return bootstrap.loadOrCreate();
  }

  @Bean
  RevocationRepository revocationRepository(
      JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    return new RevocationRepository(jdbc, template, readOnly);
  }

  @Bean
  OcspResponder ocspResponder(
      CaRegistry cas,
      SigningKeyStore keys,
      JdbcClient jdbc,
      RevocationRepository revocations,
      CerthallProperties properties,
      Clock clock) {
    return new OcspResponder(
        OcspSigners.loadOrCreate(
            cas,
            keys,
            new OcspSignerRepository(jdbc),
            properties.revocation(),
            properties.ca().organization(),
            clock),
        revocations,
        properties.revocation().ocspValidity(),
        properties.revocation().ocspCacheSize(),
        new OcspResponder.UnknownSerials(
            properties.revocation().ocspUnknownCacheSize(),
            properties.revocation().ocspUnknownSignaturesPerSecond()),
        clock);
  }

  @Bean
  CrlRepository crlRepository(
      JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
    return new CrlRepository(jdbc, template, new TransactionTemplate(transactions));
  }

  /** Issues any CRL that is missing or due before the server takes requests. */
  @Bean(initMethod = "publishDue")
  CrlPublisher crlPublisher(
      CaRegistry cas,
      RevocationRepository revocations,
      CrlRepository crls,
      CerthallProperties properties,
      AuditLog audit,
      Clock clock) {
    return new CrlPublisher(
        cas, revocations, crls, properties.revocation(), properties.dataDir(), audit, clock);
  }

  /** Revocation notices go out on PostgreSQL, where other nodes may be listening. */
  @Bean
  RevocationNotices revocationNotices(JdbcClient jdbc, DataSourceProperties dataSource) {
    return new RevocationNotices(jdbc, isPostgres(dataSource));
  }

  private static boolean isPostgres(DataSourceProperties dataSource) {
    String url = dataSource.determineUrl();
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  /**
   * Every node's OCSP cache hears of every node's revocations: a poll on any database, and on
   * PostgreSQL a LISTEN connection of its own (unless turned off).
   */
  @Bean(destroyMethod = "close")
  OcspCacheInvalidation ocspCacheInvalidation(
      RevocationRepository revocations,
      OcspResponder responder,
      DataSourceProperties dataSource,
      CerthallProperties properties) {
    CerthallProperties.Revocation settings = properties.revocation();
    OcspCacheInvalidation invalidation =
        new OcspCacheInvalidation(revocations, responder, settings.ocspInvalidationWindow())
            .poll(settings.ocspInvalidationPoll());
    if (isPostgres(dataSource) && settings.ocspListen()) {
      invalidation.listen(
          dataSource.determineUrl(),
          dataSource.determineUsername(),
          dataSource.determinePassword(),
          settings.ocspListenRetry());
    }
    return invalidation;
  }

  @Bean
  RevocationService revocationService(
      CertificateRepository certificates,
      RevocationRepository revocations,
      RevocationNotices notices,
      OcspResponder responder,
      CrlPublisher crls,
      AuditLog audit,
      Clock clock) {
    return new RevocationService(certificates, revocations, notices, responder, crls, audit, clock);
  }

  @Bean
  ServletRegistrationBean<OcspServlet> ocspServlet(
      OcspResponder responder, CerthallProperties properties, MeterRegistry meters) {
    ServletRegistrationBean<OcspServlet> registration =
        new ServletRegistrationBean<>(
            new OcspServlet(
                responder, properties.revocation().ocspRequestTimeout(), new OcspMetrics(meters)),
            "/ocsp",
            "/ocsp/*");
    registration.setLoadOnStartup(1);
    // POST bodies are read without blocking a thread (see OcspServlet)
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * OCSP GET requests carry base64 in the path, whose '/' clients encode as %2F; Tomcat refuses
   * those by default. Pass them through undecoded; the OCSP servlet decodes them itself.
   */
  @Bean
  TomcatConnectorCustomizer encodedSlashesForOcspGet() {
    return connector ->
        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
  }
}
