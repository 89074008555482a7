package cn.certhall.app;

import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.seal.SealMakers;
import cn.certhall.app.seal.SealService;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Electronic seals (电子印章): the seal service on the JDBC repository and the CA key store. */
@Configuration(proxyBeanMethods = false)
public class SealConfiguration {

  @Bean
  SealRepository sealRepository(JdbcClient jdbc) {
    return new SealRepository(jdbc);
  }

  @Bean
  SealService sealService(
      CaRegistry cas,
      CertificateRepository certificates,
      SealRepository seals,
      SigningKeyStore keys,
      CerthallProperties properties,
      Clock clock,
      PdfLimits limits) {
    return new SealService(
        cas,
        certificates,
        seals,
        new SealMakers(keys, seals, properties.ca().organization(), clock),
        keys,
        clock,
        limits);
  }
}
