package cn.certhall.app;

import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SmsMessageLog;
import cn.certhall.app.sandbox.SandboxProperties;
import cn.certhall.app.sandbox.SandboxSmsSender;
import cn.certhall.app.sms.RecordedSmsSender;
import cn.certhall.app.sms.SmsProperties;
import cn.certhall.app.sms.SmsProvider;
import cn.certhall.app.sms.SmsProviders;
import cn.certhall.domain.verification.SmsSender;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS provider ({@code certhall.sms.provider}, docs/providers.md): Alibaba Cloud or Tencent
 * Cloud, each message's outcome recorded; or the sandbox's outbox when the sandbox is on; or, with
 * neither, nothing: every message answers UNAVAILABLE (production mode refuses that unless told,
 * {@code ProductionReadiness}).
 */
@Configuration(proxyBeanMethods = false)
public class SmsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  SmsMessageLog smsMessageLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
    TransactionTemplate own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return new SmsMessageLog(jdbc, own);
  }

  @Bean
  SmsSender smsSender(
      SmsProperties sms,
      SandboxProperties sandbox,
      ObjectProvider<SandboxMessageRepository> sandboxOutbox,
      SmsMessageLog messages,
      Clock clock) {
    Optional<SmsProvider> provider = SmsProviders.configured(sms);
    if (provider.isPresent()) {
      log.info("SMS through {} (certhall.sms.provider)", provider.get().name());
      return new RecordedSmsSender(provider.get(), messages, clock);
    }
    if (sandbox.enabled()) {
      log.info(
          "SMS into the sandbox's outbox (certhall.sms.provider=sandbox), readable at /sandbox");
      return new SandboxSmsSender(sandboxOutbox.getObject(), clock);
    }
    log.warn(
        "certhall.sms.provider is sandbox and the sandbox is off: no text message is sent, every"
            + " SMS answers UNAVAILABLE; set certhall.sms.provider to aliyun or tencent");
    return (mobile, message) -> SmsSender.Result.UNAVAILABLE;
  }
}
