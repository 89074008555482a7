package cn.certhall.app.tsa;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.TsaProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.TsaSignerRepository;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.tsp.TimeStampAuthority;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CA's time-stamp authority, when {@code certhall.tsa.enabled}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "certhall.tsa.enabled", havingValue = "true")
public class TsaConfiguration {

  @Bean
  TimeStampAuthority timeStampAuthority(
      CaRegistry cas,
      SigningKeyStore keys,
      JdbcClient jdbc,
      TsaProperties tsa,
      CerthallProperties properties,
      Clock clock) {
    return new TimeStampAuthority(
        TsaSigners.loadOrCreate(
            cas, keys, new TsaSignerRepository(jdbc), tsa, properties.ca().organization(), clock),
        tsa.policyOid(),
        clock,
        new SerialNumberGenerator());
  }
}
