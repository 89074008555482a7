package cn.certhall.app;

import cn.certhall.app.persistence.JdbcOrderRepository;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.order.ApplicantChecks;
import cn.certhall.domain.order.ApplicationCorrection;
import cn.certhall.domain.order.NewApplicationFlow;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.EnterpriseVerification;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Orders (订单): the domain's order service on the JDBC repository, one transaction per call. */
@Configuration(proxyBeanMethods = false)
public class OrderConfiguration {

  @Bean
  OrderRepository orderRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new JdbcOrderRepository(jdbc, transactions);
  }

  @Bean
  OrderService orderService(
      OrderRepository orders,
      PlatformTransactionManager transactions,
      Clock clock,
      AuditLog audit) {
    return new OrderService(
        orders,
        transactions(transactions),
        new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
        clock,
        audit);
  }

  @Bean
  ApplicationCorrection applicationCorrection(
      OrderService orders, PlatformTransactionManager transactions) {
    return new ApplicationCorrection(orders, transactions(transactions));
  }

  @Bean
  ApplicantChecks applicantChecks(
      AdministratorVerification administrators, EnterpriseVerification enterprise) {
    return new ApplicantChecks(administrators, enterprise);
  }

  @Bean
  NewApplicationFlow newApplicationFlow(
      OrderService orders,
      EnterpriseVerification enterprise,
      ApplicantChecks applicants,
      ApplicationCorrection correction,
      PlatformTransactionManager transactions) {
    return new NewApplicationFlow(
        orders, enterprise, applicants, correction, transactions(transactions));
  }

  static Transactions transactions(PlatformTransactionManager transactions) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    return new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
      }
    };
  }
}
