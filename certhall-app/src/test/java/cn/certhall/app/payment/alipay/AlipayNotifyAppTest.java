package cn.certhall.app.payment.alipay;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.payment.Invoice;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.payment.PaymentService;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running app with {@code certhall.payment.alipay.*} set (generated keys, the gateway a local
 * stub): Alipay's asynchronous notification, posted as Alipay posts it (a form, no session, no CSRF
 * token, signed RSA2), submits the paid order for review once however often it comes; a forged one
 * (not signed by Alipay, for another app_id, or of another amount) changes nothing and is answered
 * {@code failure}.
 *
 * <p>The PENDING Alipay payment is opened through the app's {@link PaymentService}, which routes
 * ALIPAY to the app's {@link AlipayPaymentProvider} as the cashier does.
 */
class AlipayNotifyAppTest {
  /** The demo channel's fee of a new certificate (V23). */
  static final long FEE = 50000;

  static final Invoice INVOICE =
      new Invoice("福州测试科技有限公司", OrderApplications.CREDIT_CODE, "jb@example.cn");

  @TempDir static Path dataDir;
  static WireMockServer gateway;
  static AlipayFixture alipay;
  static RunningApp app;
  static final HttpClient http = HttpClient.newHttpClient();
  static final AtomicInteger ORGANIZATIONS = new AtomicInteger();

  @BeforeAll
  static void start() {
    gateway = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    gateway.start();
    alipay = new AlipayFixture(dataDir);
    Map<String, String> settings =
        alipay.settings("http://127.0.0.1:" + gateway.port() + "/gateway.do");
    settings.put("certhall.ca.hierarchies", "ECDSA");
    app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, settings);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    gateway.stop();
  }

  /** A new-certificate order whose application is signed, and its PENDING Alipay payment. */
  static Payment pendingAlipayPayment() {
    OrderService orders = app.bean(OrderService.class);
    // one unfinished order per organization: each test's order is another's
    String creditCode =
        LifecycleFixtures.creditCode("91350100MA2ALP00" + ORGANIZATIONS.incrementAndGet());
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(creditCode));
    for (OrderStatus step :
        new OrderStatus[] {
          OrderStatus.VERIFIED,
          OrderStatus.CONFIRMED,
          OrderStatus.AUTHORIZATION_CODE_ENTERED,
          OrderStatus.MATERIALS_UPLOADED,
          OrderStatus.APPLICATION_SIGNED
        }) {
      orders.move(order.id(), step, HistoryNote.text("test set-up"));
    }
    PaymentService.Started started =
        app.bean(PaymentService.class).pay(order.id(), PaymentMethod.ALIPAY, INVOICE);
    assertThat(started.checkout().orElseThrow().cashierUrl())
        .startsWith("http://127.0.0.1:" + gateway.port() + "/gateway.do?")
        .contains(
            "return_url="
                + URLEncoder.encode(
                    app.url("/apply/" + order.id() + "/pay"), StandardCharsets.UTF_8));
    Payment payment = started.payment().orElseThrow();
    assertThat(payment.status()).isEqualTo(Payment.Status.PENDING);
    return payment;
  }

  /** Alipay's notification of a paid trade, fields as its documentation lists them. */
  static Map<String, String> paid(
      Payment payment, String tradeNo, String totalAmount, String appId) {
    Map<String, String> n = new LinkedHashMap<>();
    n.put("notify_time", "2027-06-15 10:01:03");
    n.put("notify_type", "trade_status_sync");
    n.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
    n.put("charset", "UTF-8");
    n.put("version", "1.0");
    n.put("auth_app_id", appId);
    n.put("app_id", appId);
    n.put("trade_no", tradeNo);
    n.put("out_trade_no", payment.id());
    n.put("trade_status", "TRADE_SUCCESS");
    n.put("total_amount", totalAmount);
    n.put("receipt_amount", totalAmount);
    n.put("buyer_pay_amount", totalAmount);
    n.put("subject", "证书费用 订单号 " + payment.orderId());
    n.put("gmt_create", "2027-06-15 10:00:40");
    n.put("gmt_payment", "2027-06-15 10:01:02");
    n.put("buyer_id", "2088102122524333");
    n.put("seller_id", "2088101106499364");
    return n;
  }

  static HttpResponse<String> post(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> notifyAlipay(Map<String, String> form) {
    return post("/api/payment/alipay/notify", form);
  }

  static Order order(Payment payment) {
    return app.bean(OrderService.class).find(payment.orderId()).orElseThrow();
  }

  static long notifications(String paymentId) {
    return app.bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM payment_notification WHERE payment_id = ?")
        .param(paymentId)
        .query(Long.class)
        .single();
  }

  @Test
  void a_signed_notification_submits_the_paid_order_once_however_often_it_comes() {
    Payment payment = pendingAlipayPayment();
    Map<String, String> notification =
        alipay.signedNotification(
            paid(payment, "2027061522001400001000000001", "500.00", AlipayFixture.APP_ID));

    HttpResponse<String> first = notifyAlipay(notification);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("success");
    assertThat(first.headers().allValues("Set-Cookie")).as("no session for Alipay").isEmpty();
    Order submitted = order(payment);
    assertThat(submitted.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    Optional<Payment> settled = app.bean(PaymentRepository.class).find(payment.id());
    assertThat(settled.orElseThrow().status()).isEqualTo(Payment.Status.PAID);
    assertThat(settled.orElseThrow().notificationId())
        .isEqualTo("ALIPAY-2027061522001400001000000001-PAID");

    HttpResponse<String> again = notifyAlipay(notification);

    assertThat(again.body()).isEqualTo("success");
    assertThat(order(payment).version()).isEqualTo(submitted.version());
    assertThat(notifications(payment.id())).isEqualTo(1);
  }

  @Test
  void a_forged_notification_changes_nothing_and_is_answered_failure() {
    Payment payment = pendingAlipayPayment();
    Order before = order(payment);
    Map<String, String> notSignedByAlipay =
        AlipayFixture.signedNotification(
            paid(payment, "2027061522001400001000000002", "500.00", AlipayFixture.APP_ID),
            AlipayFixture.rsa().getPrivate());
    Map<String, String> alteredAfterSigning =
        alipay.signedNotification(
            paid(payment, "2027061522001400001000000003", "0.01", AlipayFixture.APP_ID));
    alteredAfterSigning.put("total_amount", "500.00");
    Map<String, String> otherApplication =
        alipay.signedNotification(
            paid(payment, "2027061522001400001000000004", "500.00", "2021000000009999"));
    Map<String, String> otherAmount =
        alipay.signedNotification(
            paid(payment, "2027061522001400001000000005", "0.01", AlipayFixture.APP_ID));
    Map<String, String> unsigned =
        paid(payment, "2027061522001400001000000006", "500.00", AlipayFixture.APP_ID);

    for (Map<String, String> forged :
        java.util.List.of(notSignedByAlipay, alteredAfterSigning, otherApplication, unsigned)) {
      HttpResponse<String> answer = notifyAlipay(forged);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("failure");
    }
    assertThat(notifications(payment.id()))
        .as("nothing recorded for a forged notification")
        .isZero();
    assertThat(notifyAlipay(otherAmount).body()).isEqualTo("failure");

    assertThat(order(payment).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);
    assertThat(order(payment).version()).isEqualTo(before.version());
    assertThat(app.bean(PaymentRepository.class).find(payment.id()).orElseThrow().status())
        .isEqualTo(Payment.Status.PENDING);
  }

  @Test
  void only_the_notification_path_is_exempt_from_csrf() {
    Payment payment = pendingAlipayPayment();
    Map<String, String> notification =
        alipay.signedNotification(
            paid(payment, "2027061522001400001000000007", "500.00", AlipayFixture.APP_ID));

    assertThat(post("/api/payment/alipay/notify/x", notification).statusCode()).isEqualTo(403);
    assertThat(post("/api/payment/alipay/other", notification).statusCode()).isEqualTo(403);
    assertThat(order(payment).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);
  }
}
