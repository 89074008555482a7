package cn.certhall.app;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcPaymentRepository;
import cn.certhall.app.sandbox.SandboxPaymentProvider;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.calendar.WorkingCalendar;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.orderquery.OrderQuery;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.Invoice;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentProviders;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.payment.Refund;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment as {@link PaymentConfiguration} wires it with the sandbox cashier, on H2 and PostgreSQL:
 * paid orders are submitted, failed and abandoned ones can be paid again, fees follow the channel,
 * and a notification counts once however often it comes.
 */
class PaymentServiceTest {
  static final Invoice INVOICE = new Invoice("示例科技有限公司", CREDIT_CODE, "jb@example.cn");

  /** 300 元 for a new certificate, free on "free-channel". */
  static final FeeSchedule FEES =
      (channel, type) ->
          channel.equals("free-channel") || type == BusinessType.REVOCATION ? 0 : 30000L;

  record Setup(
      JdbcClient jdbc,
      OrderService orders,
      PaymentService payments,
      SandboxPaymentProvider cashier,
      AtomicBoolean down) {
    /** A new-certificate order whose application is signed, waiting for payment. */
    Order signed(String channel, String organizationName) {
      UnitApplication a = OrderApplications.transfer(CREDIT_CODE);
      UnitApplication named =
          new UnitApplication(
              organizationName,
              a.creditCode(),
              a.legalRepresentative(),
              a.handler(),
              a.administrator(),
              a.enterpriseVerification(),
              a.administratorVerification());
      Order order = orders.start(NEW_UNIT_CERTIFICATE, channel, named);
      for (OrderStatus step :
          new OrderStatus[] {
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED
          }) {
        order = orders.move(order.id(), step, HistoryNote.text("test set-up"));
      }
      return order;
    }

    boolean closed(String paymentId) {
      return jdbc.sql("SELECT closed_at IS NOT NULL FROM payment WHERE id = ?")
          .param(paymentId)
          .query(Boolean.class)
          .single();
    }

    long audit(String action) {
      return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ?")
          .param(action)
          .query(Long.class)
          .single();
    }

    long notifications() {
      return jdbc.sql("SELECT COUNT(*) FROM payment_notification").query(Long.class).single();
    }
  }

  static Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    PlatformTransactionManager transactions = new DataSourceTransactionManager(ds);
    OrderConfiguration orderConfiguration = new OrderConfiguration();
    var repository = orderConfiguration.orderRepository(jdbc, transactions);
    OrderServiceTest.TickingClock clock = new OrderServiceTest.TickingClock();
    JdbcAuditLog audit =
        new JdbcAuditLog(jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
    OrderService orders = orderConfiguration.orderService(repository, transactions, clock, audit);
    SandboxPaymentProvider cashier = new SandboxPaymentProvider(clock);
    AtomicBoolean down = new AtomicBoolean();
    PaymentService payments =
        new PaymentService(
            orders,
            repository,
            new JdbcPaymentRepository(jdbc),
            PaymentProviders.all(downWhen(down, cashier)),
            FEES,
            OrderConfiguration.transactions(transactions),
            new SecureRandom(),
            clock,
            audit);
    cashier.deliverTo(payments::record);
    return new Setup(jdbc, orders, payments, cashier, down);
  }

  /** The sandbox, except that every call after the checkout fails while {@code down} is set. */
  static PaymentProvider downWhen(AtomicBoolean down, SandboxPaymentProvider cashier) {
    return new PaymentProvider() {
      @Override
      public Checkout checkout(PaymentRequest request) {
        return cashier.checkout(request);
      }

      @Override
      public Optional<PaymentNotification> query(PaymentReference payment) {
        check();
        return cashier.query(payment);
      }

      @Override
      public CloseOutcome close(PaymentReference payment) {
        check();
        return cashier.close(payment);
      }

      @Override
      public RefundResult refund(RefundRequest request) {
        check();
        return cashier.refund(request);
      }

      @Override
      public RefundResult refundStatus(RefundRequest request) {
        check();
        return cashier.refundStatus(request);
      }

      private void check() {
        if (down.get()) {
          throw new ProviderUnavailableException("provider down (test)");
        }
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_paid_order_waits_for_review_with_a_due_date(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("channel-7", "福州测试科技有限公司");

    PaymentService.Started started = s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE);

    Payment payment = started.payment().orElseThrow();
    assertThat(payment.status()).isEqualTo(Payment.Status.PAID);
    assertThat(payment.amountFen()).isEqualTo(30000);
    assertThat(payment.id()).matches("PY[2-9A-HJ-NP-Z]{20}");
    assertThat(payment.providerReference()).isEqualTo("SBX-" + payment.id());
    Order submitted = started.order();
    assertThat(submitted.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(submitted.history())
        .extracting(StatusChange::to)
        .endsWith(OrderStatus.APPLICATION_SIGNED, OrderStatus.PAID, OrderStatus.WAITING_FOR_REVIEW);
    assertThat(submitted.history().get(submitted.history().size() - 2).note())
        .isEqualTo(HistoryNote.of("history.payment.paid", "300.00"));
    // the ticking clock is at 2027-06-15 (a Tuesday): Wed, Thu, Fri
    ReviewDeadline deadline =
        new ReviewDeadline(WorkingCalendar.china2026(), CertificateRules.CHINA_TIME);
    assertThat(deadline.decisionDue(submitted))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo("2027-06-18"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_redelivered_notification_changes_nothing(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("channel-7", "福州测试科技有限公司");
    Payment payment =
        s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE).payment().orElseThrow();
    Order after = s.orders().find(order.id()).orElseThrow();

    PaymentService.Recorded again =
        s.payments()
            .record(
                new PaymentNotification(
                    "SBX-" + payment.id(),
                    payment.id(),
                    PaymentNotification.Outcome.PAID,
                    30000,
                    Instant.parse("2027-06-15T03:00:00Z")));

    assertThat(again).isEqualTo(new PaymentService.Recorded(PaymentService.Result.SUBMITTED, true));
    assertThat(s.orders().find(order.id()).orElseThrow().version()).isEqualTo(after.version());
    assertThat(s.notifications()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_failed_first_payment_leaves_the_order_payable_later(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("channel-7", "支付失败测试有限公司");

    PaymentService.Started first = s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE);
    assertThat(first.payment().orElseThrow().status()).isEqualTo(Payment.Status.FAILED);
    assertThat(first.order().status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);

    PaymentService.Started second = s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE);
    assertThat(second.payment().orElseThrow().attempt()).isEqualTo(2);
    assertThat(second.order().status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(s.payments().payments(order.id()))
        .extracting(Payment::status)
        .containsExactly(Payment.Status.FAILED, Payment.Status.PAID);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void an_abandoned_payment_stays_pending_and_a_late_notification_of_it_is_a_refund(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("channel-7", "放弃支付测试有限公司");

    Payment abandoned =
        s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE).payment().orElseThrow();
    assertThat(abandoned.status()).isEqualTo(Payment.Status.PENDING);
    assertThat(s.orders().find(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_SIGNED);
    assertThat(s.notifications()).isZero();

    assertThat(s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE).order().status())
        .isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    // the payer went back to the first cashier after all: paid twice, the first is due back
    PaymentService.Recorded late =
        s.payments()
            .record(
                new PaymentNotification(
                    "late-1",
                    abandoned.id(),
                    PaymentNotification.Outcome.PAID,
                    30000,
                    Instant.parse("2027-06-15T04:00:00Z")));
    assertThat(late.result()).isEqualTo(PaymentService.Result.REFUND_DUE);
    assertThat(s.orders().find(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    // refunded in full at once (the sandbox refunds at once), and in the audit log
    assertThat(s.payments().refundsOf(order.id()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.paymentId()).isEqualTo(abandoned.id());
              assertThat(r.amountFen()).isEqualTo(30000);
              assertThat(r.status()).isEqualTo(Refund.Status.SUCCEEDED);
              assertThat(r.providerRefundId()).isEqualTo("SBX-" + r.id());
            });
    assertThat(s.audit("PAYMENT_REFUND_REQUESTED")).isEqualTo(1);
    assertThat(s.audit("PAYMENT_REFUND_SETTLED")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_cancellation_with_the_provider_down_is_settled_later_by_the_job(Kind kind) {
    Setup s = setup(kind);
    Order paid = s.signed("channel-7", "退款测试有限公司");
    Payment payment =
        s.payments().pay(paid.id(), PaymentMethod.WECHAT, INVOICE).payment().orElseThrow();
    s.down().set(true);
    s.orders().cancel(paid.id(), OrderQuery.CANCEL_NOTE);
    s.payments().cancelled(paid.id());
    // the organization's next order (the cancelled one freed its slot), abandoned, then cancelled
    Order unpaid = s.signed("channel-8", "放弃支付关单测试有限公司");
    Payment pending =
        s.payments().pay(unpaid.id(), PaymentMethod.ALIPAY, INVOICE).payment().orElseThrow();
    assertThat(pending.status()).isEqualTo(Payment.Status.PENDING);
    s.orders().cancel(unpaid.id(), OrderQuery.CANCEL_NOTE);
    s.payments().cancelled(unpaid.id());

    // the cancellations stand; the refund is recorded, not yet taken; the payment not closed
    assertThat(s.payments().refundsOf(paid.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(Refund.Status.REQUESTED));
    assertThat(s.closed(pending.id())).isFalse();
    s.payments().settle();
    assertThat(s.closed(pending.id())).isFalse();

    s.down().set(false);
    s.payments().settle();
    assertThat(s.closed(pending.id())).isTrue();
    // a REQUESTED refund is asked again a minute after its last try (the ticking clock moves on)
    for (int i = 0;
        i < 120 && s.payments().refundsOf(paid.id()).get(0).status() == Refund.Status.REQUESTED;
        i++) {
      s.payments().settle();
    }
    assertThat(s.payments().refundsOf(paid.id()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(Refund.Status.SUCCEEDED);
              assertThat(r.paymentId()).isEqualTo(payment.id());
            });
    assertThat(s.payments().refundsOf(unpaid.id())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_wrong_amount_or_an_unknown_payment_changes_nothing(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("channel-7", "放弃支付测试有限公司");
    Payment pending =
        s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE).payment().orElseThrow();

    assertThat(
            s.payments()
                .record(
                    new PaymentNotification(
                        "n-1", pending.id(), PaymentNotification.Outcome.PAID, 1, Instant.EPOCH))
                .result())
        .isEqualTo(PaymentService.Result.AMOUNT_MISMATCH);
    assertThat(
            s.payments()
                .record(
                    new PaymentNotification(
                        "n-2",
                        "PYNOSUCHPAYMENT",
                        PaymentNotification.Outcome.PAID,
                        30000,
                        Instant.EPOCH))
                .result())
        .isEqualTo(PaymentService.Result.UNKNOWN_PAYMENT);
    assertThat(s.orders().find(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_SIGNED);
    assertThat(s.payments().payments(order.id()))
        .extracting(Payment::status)
        .containsExactly(Payment.Status.PENDING);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_channel_without_a_fee_is_submitted_without_payment(Kind kind) {
    Setup s = setup(kind);
    Order order = s.signed("free-channel", "福州测试科技有限公司");

    PaymentService.Started started = s.payments().pay(order.id(), PaymentMethod.WECHAT, INVOICE);

    assertThat(started.payment()).isEmpty();
    assertThat(started.order().status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(started.order().history())
        .extracting(StatusChange::to)
        .doesNotContain(OrderStatus.PAID);
    assertThat(s.payments().payments(order.id())).isEmpty();
  }
}
