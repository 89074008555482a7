package cn.certhall.app;

import cn.certhall.app.ca.CaBootstrap;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.ca.KeyStoreFactory;
import cn.certhall.app.persistence.CaRepository;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Wires the plain-Java engine and repositories into the Spring application. */
@Configuration(proxyBeanMethods = false)
public class AppConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  SigningKeyStore signingKeyStore(CerthallProperties properties) {
    return KeyStoreFactory.open(properties);
  }

  @Bean
  IssuanceLedger issuanceLedger(JdbcClient jdbc) {
    return new JdbcIssuanceLedger(jdbc);
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
}
