package cn.certhall.app;

import cn.certhall.app.inactivity.InactivityScheduler;
import cn.certhall.app.persistence.JdbcInactiveOrders;
import cn.certhall.domain.inactivity.InactiveOrderCancellation;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.OrderService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Inactive orders: the domain's rule on the JDBC port, run by a scheduler on every node. */
@Configuration(proxyBeanMethods = false)
public class InactivityConfiguration {

  @Bean
  InactiveOrderCancellation inactiveOrderCancellation(
      OrderService orders,
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      Notifications notifications,
      OrderInactivityProperties properties,
      Clock clock) {
    return new InactiveOrderCancellation(
        orders,
        new JdbcInactiveOrders(jdbc, transactions),
        notifications,
        OrderConfiguration.transactions(transactions),
        properties.cancelAfter(),
        properties.noticeBefore(),
        clock);
  }

  @Bean
  InactivityScheduler inactivityScheduler(InactiveOrderCancellation cancellation) {
    return new InactivityScheduler(cancellation);
  }
}
