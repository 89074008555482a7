package cn.certhall.app;

import cn.certhall.app.payment.PaymentAdapter;
import cn.certhall.app.payment.PaymentSettlement;
import cn.certhall.app.payment.WechatPayProperties;
import cn.certhall.app.payment.WechatPayProvider;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.JdbcPaymentRepository;
import cn.certhall.app.sandbox.SandboxPaymentProvider;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentProviders;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.payment.PaymentService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Payment (支付): the domain's payment service on the JDBC repository and the channels' fees. Each
 * cashier method is served by its provider: a real one ({@link PaymentAdapter}, WeChat Pay with
 * {@code certhall.payment.wechat.enabled}) or, for the methods no real one serves, the sandbox
 * cashier when {@code certhall.sandbox.enabled}. A method without a provider is not offered; with
 * none at all every payment attempt fails closed (no order is ever submitted unpaid by mistake).
 * The {@code payment-settlement} job closes and refunds what cancellations left to do.
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

  /** Method → provider: each real adapter takes its method; the sandbox serves the rest. */
  @Bean
  PaymentProviders paymentProviders(
      ObjectProvider<PaymentAdapter> adapters, ObjectProvider<SandboxPaymentProvider> sandbox) {
    Map<PaymentMethod, PaymentProvider> byMethod = new EnumMap<>(PaymentMethod.class);
    adapters
        .orderedStream()
        .forEach(
            a -> {
              if (byMethod.put(a.method(), a) != null) {
                throw new IllegalStateException("two payment providers serve " + a.method());
              }
            });
    sandbox.ifAvailable(
        cashier -> {
          for (PaymentMethod m : PaymentMethod.values()) {
            byMethod.putIfAbsent(m, cashier);
          }
        });
    if (byMethod.isEmpty()) {
      log.warn("sandbox off and no payment provider configured: payments cannot be made");
    }
    return new PaymentProviders(byMethod);
  }

  @Bean
  PaymentService paymentService(
      OrderService orderService,
      OrderRepository orders,
      PaymentRepository payments,
      PaymentProviders providers,
      FeeSchedule fees,
      PlatformTransactionManager transactions,
      Clock clock,
      AuditLog audit,
      ObjectProvider<SandboxPaymentProvider> sandbox) {
    PaymentService service =
        new PaymentService(
            orderService,
            orders,
            payments,
            providers,
            fees,
            OrderConfiguration.transactions(transactions),
            new SecureRandom(),
            clock,
            audit);
    sandbox.ifAvailable(cashier -> cashier.deliverTo(service::record));
    return service;
  }

  /** The job that closes, refunds and follows refunds ({@link PaymentService#settle}). */
  @Bean
  PaymentSettlement paymentSettlement(PaymentService payments) {
    return new PaymentSettlement(payments);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "certhall.sandbox", name = "enabled", havingValue = "true")
  static class Sandbox {
    @Bean
    SandboxPaymentProvider sandboxPaymentProvider(Clock clock) {
      return new SandboxPaymentProvider(clock);
    }
  }

  /** WeChat Pay API v3 for WECHAT; a missing setting stops the start, named. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "certhall.payment.wechat", name = "enabled", havingValue = "true")
  static class WechatPay {
    @Bean
    WechatPayProvider wechatPayProvider(WechatPayProperties settings, Clock clock) {
      List<String> missing = settings.missing();
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "certhall.payment.wechat.enabled is true but not set: "
                + String.join(", ", missing)
                + " (docs/providers.md, Payment)");
      }
      return new WechatPayProvider(settings, clock);
    }
  }
}
