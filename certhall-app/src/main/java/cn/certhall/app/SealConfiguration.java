package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.app.sealmaking.SealMakers;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.app.sealmaking.SealTasks;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.OrderService;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Electronic seals (电子印章): the seal service on the JDBC repository and the CA key store, and the CA
 * administrator's tasks for seals that could not be made at issuance.
 */
@Configuration(proxyBeanMethods = false)
public class SealConfiguration {

  @Bean
  SealRepository sealRepository(JdbcClient jdbc) {
    return new SealRepository(jdbc);
  }

  @Bean
  SealTaskRepository sealTaskRepository(JdbcClient jdbc) {
    return new SealTaskRepository(jdbc);
  }

  @Bean
  SealService sealService(
      CaRegistry cas,
      CertificateRepository certificates,
      SealRepository seals,
      SigningKeyStore keys,
      SealTaskRepository tasks,
      AuditLog audit,
      CerthallProperties properties,
      Clock clock,
      PdfLimits limits) {
    return new SealService(
        cas,
        certificates,
        seals,
        new SealMakers(keys, seals, properties.ca().organization(), clock),
        keys,
        tasks,
        audit,
        clock,
        limits);
  }

  @Bean
  SealTasks sealTasks(
      SealTaskRepository tasks,
      SealService seals,
      OrderService orders,
      OrderCertificates links,
      HostedCertificateIssuer issuer,
      ChannelSync channels,
      AuditLog audit,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new SealTasks(
        tasks,
        seals,
        orders,
        links,
        issuer,
        channels,
        audit,
        OrderConfiguration.transactions(transactions),
        clock);
  }
}
