package cn.certhall.app;

import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.orderquery.OrderQuery;
import cn.certhall.domain.verification.SmsCodes;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * 我的订单 (order query): the domain's {@link OrderQuery} on the order service and the SMS codes.
 * {@code certhall.order-query.access-lifetime} (30 minutes unless set) is how long a passed SMS
 * check lets a browser session see the ID number's orders.
 */
@Configuration(proxyBeanMethods = false)
public class OrderQueryConfiguration {

  @Bean
  OrderQuery orderQuery(
      OrderService orders,
      SmsCodes sms,
      @Value("${certhall.order-query.access-lifetime:30m}") Duration accessLifetime,
      Clock clock) {
    return new OrderQuery(orders, sms, accessLifetime, clock);
  }
}
