package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.issuance.CaHostedCertificateIssuer;
import cn.certhall.app.issuance.IssuanceRecovery;
import cn.certhall.app.issuance.MeteredCertificateIssuer;
import cn.certhall.app.notification.SmtpEmailSender;
import cn.certhall.app.outbox.OutboxPoller;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.JdbcNotificationOutbox;
import cn.certhall.app.persistence.JdbcOrderCertificates;
import cn.certhall.app.persistence.JdbcReviewClaims;
import cn.certhall.app.persistence.JdbcReviewDecisions;
import cn.certhall.app.persistence.JdbcReviewQueue;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.sandbox.SandboxEmailSender;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CollectionForms;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.notification.EmailSender;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.outbox.Backoff;
import cn.certhall.domain.review.ReviewClaims;
import cn.certhall.domain.review.ReviewDashboard;
import cn.certhall.domain.review.ReviewQueue;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review (审核), issuance on approval and the handler's notifications (SPEC 3.1 steps 9–10): the
 * domain's services on JDBC, the configured issuing CA, the SMS gateway of verification and an
 * email sender — SMTP when {@code spring.mail.host} is set, else the sandbox's when it is on, else
 * one that answers UNAVAILABLE (messages then wait in the outbox).
 */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ReviewConfiguration.class);

  @Bean
  ReviewClaims reviewClaims(JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new JdbcReviewClaims(jdbc, transactions);
  }

  @Bean
  OrderCertificates orderCertificates(JdbcClient jdbc, Clock clock) {
    return new JdbcOrderCertificates(jdbc, clock);
  }

  @Bean
  JdbcNotificationOutbox notificationOutbox(
      JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new JdbcNotificationOutbox(jdbc, new TransactionTemplate(transactions));
  }

  @Bean
  HostedCertificateIssuer hostedCertificateIssuer(
      CaRegistry cas,
      SigningKeyStore keys,
      CertificateRepository certificates,
      CerthallProperties properties,
      ReviewProperties review,
      MeterRegistry meters) {
    String name =
        review.issuingCa() == null || review.issuingCa().isBlank()
            ? properties.ca().hierarchies().get(0).name().toLowerCase(Locale.ROOT) + "-issuing"
            : review.issuingCa();
    return meteredIssuer(cas, keys, certificates, meters, name, "certhall.review.issuing-ca");
  }

  /**
   * The issuer of each new organization's second certificate (双证书), when {@code
   * certhall.review.second-issuing-ca} names a CA; it must be of another family than the first.
   */
  static Optional<HostedCertificateIssuer> secondIssuer(
      CaRegistry cas,
      SigningKeyStore keys,
      CertificateRepository certificates,
      ReviewProperties review,
      MeterRegistry meters) {
    String name = review.secondIssuingCa();
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        meteredIssuer(cas, keys, certificates, meters, name, "certhall.review.second-issuing-ca"));
  }

  private static HostedCertificateIssuer meteredIssuer(
      CaRegistry cas,
      SigningKeyStore keys,
      CertificateRepository certificates,
      MeterRegistry meters,
      String name,
      String setting) {
    CertificateAuthority ca =
        cas.find(name)
            .orElseThrow(() -> new IllegalStateException(setting + ": there is no CA " + name));
    return new MeteredCertificateIssuer(
        new CaHostedCertificateIssuer(
            keys, ca, CaHostedCertificateIssuer.chainOf(ca, cas.all()), certificates),
        ca.name(),
        meters);
  }

  @Bean
  IssuanceService issuanceService(
      OrderService orders,
      OrderCertificates certificates,
      HostedCertificateIssuer issuer,
      CaRegistry cas,
      SigningKeyStore keys,
      CertificateRepository certificateRepository,
      ReviewProperties review,
      MeterRegistry meters,
      SealService seals,
      MaterialService materials,
      ChannelSync channels,
      Notifications notifications,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new IssuanceService(
        orders,
        certificates,
        issuer,
        seals,
        CollectionForms.of(materials),
        channels,
        notifications,
        OrderConfiguration.transactions(transactions),
        new CertificateRules(clock, CertificateRules.CHINA_TIME),
        secondIssuer(cas, keys, certificateRepository, review, meters));
  }

  @Bean
  IssuanceRecovery issuanceRecovery(IssuanceService issuance) {
    return new IssuanceRecovery(issuance);
  }

  @Bean
  Notifications notifications(JdbcNotificationOutbox outbox, Clock clock) {
    return new Notifications(outbox, clock);
  }

  @Bean
  EmailSender emailSender(
      ObjectProvider<JavaMailSender> smtp,
      ObjectProvider<SandboxMessageRepository> sandbox,
      ReviewProperties review,
      Clock clock) {
    JavaMailSender mail = smtp.getIfAvailable();
    if (mail != null) {
      return new SmtpEmailSender(mail, review.mailFrom());
    }
    SandboxMessageRepository outbox = sandbox.getIfAvailable();
    if (outbox != null) {
      return new SandboxEmailSender(outbox, clock);
    }
    log.warn(
        "no mail server (spring.mail.host) and no sandbox: notification emails wait in the outbox");
    return (to, subject, body) -> EmailSender.Result.UNAVAILABLE;
  }

  @Bean
  NotificationDispatcher notificationDispatcher(
      JdbcNotificationOutbox outbox,
      SmsSender sms,
      EmailSender email,
      ReviewProperties review,
      Clock clock) {
    return new NotificationDispatcher(
        outbox,
        sms,
        email,
        clock,
        new Backoff(review.notificationFirstRetry(), review.notificationMaxRetry()),
        review.notificationGiveUpAfter());
  }

  /** Sends the notifications due, every {@code notification-poll}, on every node. */
  @Bean(destroyMethod = "close")
  OutboxPoller notificationPoller(NotificationDispatcher dispatcher, ReviewProperties review) {
    return new OutboxPoller("notification-outbox", dispatcher::dispatchDue)
        .start(review.notificationPoll());
  }

  @Bean
  ReviewQueue reviewQueue(JdbcClient jdbc, ReviewDeadline deadline, Clock clock) {
    return new ReviewQueue(new JdbcReviewQueue(jdbc), deadline, clock);
  }

  @Bean
  ReviewDashboard reviewDashboard(
      JdbcClient jdbc, ReviewDeadline deadline, AuditLog audit, Clock clock) {
    return new ReviewDashboard(
        new JdbcReviewQueue(jdbc), new JdbcReviewDecisions(jdbc), deadline, audit, clock);
  }

  @Bean
  ReviewService reviewService(
      OrderService orders,
      ReviewClaims claims,
      Notifications notifications,
      IssuanceService issuance,
      LifecycleService lifecycle,
      AuditLog audit,
      PlatformTransactionManager transactions,
      ReviewProperties review,
      Clock clock) {
    return new ReviewService(
        orders,
        claims,
        notifications,
        issuance,
        orderId -> lifecycle.carryOut(orderId).newCertificate(),
        audit,
        OrderConfiguration.transactions(transactions),
        clock,
        review.claimTime());
  }
}
