package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.lifecycle.CaLifecycle;
import cn.certhall.app.lifecycle.LifecycleRecovery;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.JdbcHeldCertificates;
import cn.certhall.app.persistence.JdbcLifecycleRequests;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CollectionForms;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.HeldCertificates;
import cn.certhall.domain.lifecycle.IdentityCheck;
import cn.certhall.domain.lifecycle.LifecycleFlow;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.ApplicantChecks;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * 证书更新, 信息变更 and 证书吊销 (SPEC 3.2–3.4): the domain's {@link LifecycleService} and {@link
 * IdentityCheck} on JDBC ({@code lifecycle_order}), the configured issuing CA, the seal service,
 * the revocation service and the channel outbox. {@code certhall.lifecycle.proof-lifetime} (30
 * minutes unless set) is how long a passed entry check lets a browser session act on the
 * organization's certificates.
 */
@Configuration(proxyBeanMethods = false)
public class LifecycleConfiguration {

  @Bean
  HeldCertificates heldCertificates(JdbcClient jdbc) {
    return new JdbcHeldCertificates(jdbc);
  }

  @Bean
  LifecycleService lifecycleService(
      OrderService orders,
      JdbcClient jdbc,
      HeldCertificates held,
      OrderCertificates links,
      HostedCertificateIssuer issuer,
      SigningKeyStore keys,
      SealService seals,
      MaterialService materials,
      CertificateRepository certificates,
      RevocationRepository revocations,
      RevocationService revocation,
      CaRegistry cas,
      ChannelSync channels,
      Notifications notifications,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new LifecycleService(
        orders,
        new JdbcLifecycleRequests(jdbc),
        held,
        links,
        new CaLifecycle(issuer, keys, seals, certificates, revocations, revocation, cas),
        CollectionForms.of(materials),
        channels,
        notifications,
        OrderConfiguration.transactions(transactions),
        new CertificateRules(clock, CertificateRules.CHINA_TIME),
        clock);
  }

  @Bean
  LifecycleFlow lifecycleFlow(
      LifecycleService lifecycle,
      OrderService orders,
      EnterpriseVerification enterprise,
      ApplicantChecks applicants,
      AdministratorVerification realName,
      SmsCodes sms,
      PlatformTransactionManager transactions) {
    return new LifecycleFlow(
        lifecycle,
        orders,
        enterprise,
        applicants,
        realName,
        sms,
        OrderConfiguration.transactions(transactions));
  }

  @Bean
  LifecycleRecovery lifecycleRecovery(LifecycleService lifecycle) {
    return new LifecycleRecovery(lifecycle);
  }

  @Bean
  IdentityCheck identityCheck(
      OrderService orders,
      SmsCodes sms,
      RealNameVerifier realName,
      @Value("${certhall.lifecycle.proof-lifetime:30m}") Duration proofLifetime,
      Clock clock) {
    return new IdentityCheck(orders, sms, realName, proofLifetime, clock);
  }
}
