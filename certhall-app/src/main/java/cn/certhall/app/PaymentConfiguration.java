package cn.certhall.app;

import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.JdbcPaymentRepository;
import cn.certhall.app.sandbox.SandboxPaymentProvider;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.payment.PaymentService;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Payment (支付): the domain's payment service on the JDBC repository and the channels' fees, with
 * the sandbox cashier
 * when {@code certhall.sandbox.enabled}; without it, and until an adapter to a real provider is
 * written, every payment attempt fails closed (no order is ever submitted unpaid by mistake).
 */
@Configuration(proxyBeanMethods = false)
public class PaymentConfiguration {
  private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);

  @Bean
  PaymentRepository paymentRepository(JdbcClient jdbc) {
    return new JdbcPaymentRepository(jdbc);
  }

  /** The fees the channel administration keeps in {@code channel_fee}; no row: free. */
  @Bean
  FeeSchedule feeSchedule(ChannelRepository channels) {
    return (channelId, type) -> channels.fee(channelId, type).orElse(0);
  }

  @Bean
  PaymentService paymentService(
      OrderService orderService,
      OrderRepository orders,
      PaymentRepository payments,
      PaymentProvider provider,
      FeeSchedule fees,
      PlatformTransactionManager transactions,
      Clock clock,
      ObjectProvider<SandboxPaymentProvider> sandbox) {
    PaymentService service =
        new PaymentService(
            orderService,
            orders,
            payments,
            provider,
            fees,
            OrderConfiguration.transactions(transactions),
            new SecureRandom(),
            clock);
    sandbox.ifAvailable(cashier -> cashier.deliverTo(service::record));
    return service;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "certhall.sandbox", name = "enabled", havingValue = "true")
  static class Sandbox {
    @Bean
    SandboxPaymentProvider sandboxPaymentProvider(Clock clock) {
      return new SandboxPaymentProvider(clock);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "certhall.sandbox",
      name = "enabled",
      havingValue = "false",
      matchIfMissing = true)
  static class NoProvider {
    @Bean
    PaymentProvider unavailablePaymentProvider() {
      log.warn("sandbox off and no payment provider configured: payments cannot be made");
      return new PaymentProvider() {
        @Override
        public Checkout checkout(PaymentRequest request) {
          throw new ProviderUnavailableException("no payment provider is configured");
        }

        @Override
        public java.util.Optional<cn.certhall.domain.payment.PaymentNotification> query(PaymentReference payment) {
          throw new ProviderUnavailableException("no payment provider is configured");
        }

        @Override
        public CloseOutcome close(PaymentReference payment) {
          throw new ProviderUnavailableException("no payment provider is configured");
        }

        @Override
        public RefundResult refund(RefundRequest request) {
          throw new ProviderUnavailableException("no payment provider is configured");
        }

        @Override
        public RefundResult refundStatus(RefundRequest request) {
          throw new ProviderUnavailableException("no payment provider is configured");
        }
      };
    }
  }
}
