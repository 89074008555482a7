package cn.certhall.app;

import cn.certhall.app.persistence.JdbcExpiringCertificates;
import cn.certhall.app.reminder.RenewalReminderScheduler;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.notification.NotificationOutbox;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.reminder.RenewalReminders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Renewal reminders (证书到期提醒): the domain's service on JDBC and the notification outbox. */
@Configuration(proxyBeanMethods = false)
public class ReminderConfiguration {

  @Bean
  RenewalReminders renewalReminders(
      JdbcClient jdbc,
      OrderService orders,
      OrderCertificates locks,
      NotificationOutbox outbox,
      PlatformTransactionManager transactions,
      CerthallProperties properties,
      RemindersProperties reminders,
      Clock clock) {
    return reminders(
        jdbc,
        orders,
        locks,
        outbox,
        transactions,
        properties.publicUrl().toString(),
        reminders,
        clock);
  }

  /** The service as a node builds it; public so a test can run a second node on one database. */
  public static RenewalReminders reminders(
      JdbcClient jdbc,
      OrderService orders,
      OrderCertificates locks,
      NotificationOutbox outbox,
      PlatformTransactionManager transactions,
      String publicUrl,
      RemindersProperties reminders,
      Clock clock) {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return new RenewalReminders(
        new JdbcExpiringCertificates(jdbc),
        orders,
        locks,
        outbox,
        OrderConfiguration.transactions(transactions),
        clock,
        reminders.daysBefore(),
        channelId ->
            base + "/renewal?channelId=" + URLEncoder.encode(channelId, StandardCharsets.UTF_8));
  }

  @Bean
  @ConditionalOnProperty(
      name = "certhall.reminders.enabled",
      havingValue = "true",
      matchIfMissing = true)
  RenewalReminderScheduler renewalReminderScheduler(RenewalReminders reminders) {
    return new RenewalReminderScheduler(reminders);
  }
}
