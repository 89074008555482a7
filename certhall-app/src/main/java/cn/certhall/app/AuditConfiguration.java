package cn.certhall.app;

import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.domain.audit.AuditVerification;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log (审计日志) on the database, and its verification. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  JdbcAuditLog auditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    return new JdbcAuditLog(jdbc, new TransactionTemplate(transactions), clock);
  }

  @Bean
  AuditVerification auditVerification(JdbcAuditLog log) {
    return new AuditVerification(log);
  }
}
