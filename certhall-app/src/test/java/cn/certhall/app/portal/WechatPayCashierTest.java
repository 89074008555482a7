package cn.certhall.app.portal;

import static cn.certhall.app.portal.PortalHttp.location;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.payment.WechatPayStub;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.payment.Refund;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running app with WeChat Pay configured against a stub of its API: the cashier shows the
 * Native QR code, WeChat's signed notification moves the order to review (once, however often it
 * comes; a forged one changes nothing), cancelling the paid order refunds it (我的订单 shows 退款中) and
 * cancelling an unpaid one closes its payment at WeChat Pay.
 */
class WechatPayCashierTest {
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final String CODE_URL = "weixin://wxpay/bizpayurl?pr=p4lpSuKzz";

  @TempDir static Path dataDir;
  static WechatPayStub wechat;
  static RunningApp app;

  @BeforeAll
  static void start() throws Exception {
    wechat = new WechatPayStub(Files.createDirectories(dataDir.resolve("wechat")));
    Map<String, String> settings =
        new java.util.HashMap<>(wechat.settings("https://certhall.example.cn"));
    settings.put("certhall.ca.hierarchies", "ECDSA");
    settings.put("certhall.sandbox.enabled", "true");
    app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, settings);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    wechat.close();
  }

  @BeforeEach
  void stubs() {
    wechat.server.resetAll();
    wechat.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(wechat.signed(200, "{\"code_url\":\"" + CODE_URL + "\"}")));
    wechat.server.stubFor(
        post(urlPathMatching("/v3/pay/transactions/out-trade-no/.*/close"))
            .willReturn(wechat.signed(204, "")));
    wechat.server.stubFor(
        get(urlPathMatching("/v3/pay/transactions/out-trade-no/[^/]+"))
            .willReturn(
                wechat.signed(200, WechatPayStub.transaction("PY", null, "NOTPAY", 50000))));
  }

  @Test
  void paid_by_qr_code_notified_once_then_cancelled_and_refunded() throws Exception {
    Order order = signedOrder("微信支付测试有限公司");
    PortalHttp s = ownerOf(order);
    String pay = "/apply/" + order.id() + "/pay";

    HttpResponse<String> cashier = s.get(pay);
    assertThat(cashier.body()).contains("微信支付");
    assertThat(location(s.post(pay, PortalHttp.CASHIER))).isEqualTo(pay);
    HttpResponse<String> qr = s.get(pay);
    assertThat(qr.body())
        .contains("请使用微信扫一扫完成支付", "id=\"qr-code\"", "src=\"data:image/png;base64,");
    Payment payment = app.bean(PaymentService.class).payments(order.id()).get(0);
    assertThat(payment.status()).isEqualTo(Payment.Status.PENDING);
    wechat.server.findAll(anyRequestedFor(anyUrl())).forEach(wechat::assertSignedByMerchant);

    // a forged notification (another key) is refused and changes nothing
    String resource =
        WechatPayStub.transaction(
            payment.id(), "4200000001202706150000000077", "SUCCESS", payment.amountFen());
    WechatPayStub.Notification forged =
        WechatPayStub.notification(
            WechatPayStub.rsaKey(),
            WechatPayStub.API_V3_KEY,
            "TRANSACTION.SUCCESS",
            "transaction",
            resource);
    assertThat(notify("/api/payment/wechat/notify", forged).statusCode()).isEqualTo(401);
    assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);

    WechatPayStub.Notification good =
        WechatPayStub.notification(
            wechat.platform.getPrivate(),
            WechatPayStub.API_V3_KEY,
            "TRANSACTION.SUCCESS",
            "transaction",
            resource);
    assertThat(notify("/api/payment/wechat/notify", good).statusCode()).isEqualTo(204);
    assertThat(notify("/api/payment/wechat/notify", good).statusCode()).isEqualTo(204);
    assertThat(reload(order).status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM payment_notification WHERE payment_id = ?")
                .param(payment.id())
                .query(Long.class)
                .single())
        .isEqualTo(1);

    // cancelled while waiting for review: refunded in full, shown in 我的订单
    wechat.server.stubFor(
        post(urlEqualTo("/v3/refund/domestic/refunds"))
            .willReturn(
                wechat.signed(
                    200,
                    WechatPayStub.refund("RF", payment.id(), "PROCESSING", payment.amountFen()))));
    s.get("/orders/" + order.id() + "/cancel");
    assertThat(location(s.post("/orders/" + order.id() + "/cancel", Map.of())))
        .isEqualTo("/orders/" + order.id());
    List<Refund> refunds = app.bean(PaymentService.class).refundsOf(order.id());
    assertThat(refunds)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(Refund.Status.PROCESSING);
              assertThat(r.amountFen()).isEqualTo(payment.amountFen());
            });
    wechat.server.verify(postRequestedFor(urlEqualTo("/v3/refund/domestic/refunds")));
    HttpResponse<String> details = s.get("/orders/" + order.id());
    assertThat(details.body()).contains("支付记录", "已支付", "退款中", "¥500.00 元", "退还证书费用 ¥500.00 元");

    // WeChat's refund notification settles it
    String refunded =
        WechatPayStub.refund(refunds.get(0).id(), payment.id(), "SUCCESS", payment.amountFen())
            .replace("\"status\"", "\"refund_status\"");
    WechatPayStub.Notification refundNote =
        WechatPayStub.notification(
            wechat.platform.getPrivate(),
            WechatPayStub.API_V3_KEY,
            "REFUND.SUCCESS",
            "refund",
            refunded);
    assertThat(notify("/api/payment/wechat/refund-notify", refundNote).statusCode()).isEqualTo(204);
    assertThat(s.get("/orders/" + order.id()).body()).contains("已退款");
  }

  @Test
  void wechat_pay_down_at_checkout_is_a_clear_message_and_the_order_can_be_paid_later() {
    Order order = signedOrder("微信支付故障测试有限公司");
    PortalHttp s = ownerOf(order);
    String pay = "/apply/" + order.id() + "/pay";
    wechat.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}")));

    assertThat(location(s.post(pay, PortalHttp.CASHIER))).isEqualTo(pay);
    assertThat(s.get(pay).body()).contains("支付服务暂不可用，请稍后再试。").doesNotContain("id=\"qr-code\"");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);

    // WeChat Pay answers again: the same cashier opens a new attempt with its QR code
    stubs();
    assertThat(location(s.post(pay, PortalHttp.CASHIER))).isEqualTo(pay);
    assertThat(s.get(pay).body()).contains("请使用微信扫一扫完成支付", "id=\"qr-code\"");
  }

  @Test
  void cancelling_an_unpaid_order_closes_its_payment_at_wechat_pay() {
    Order order = signedOrder("微信关单测试有限公司");
    PortalHttp s = ownerOf(order);
    String pay = "/apply/" + order.id() + "/pay";
    s.get(pay);
    s.post(pay, PortalHttp.CASHIER);
    Payment payment = app.bean(PaymentService.class).payments(order.id()).get(0);

    s.get("/orders/" + order.id() + "/cancel");
    s.post("/orders/" + order.id() + "/cancel", Map.of());

    assertThat(reload(order).status()).isEqualTo(OrderStatus.CANCELLED);
    wechat.server.verify(
        postRequestedFor(
            urlEqualTo("/v3/pay/transactions/out-trade-no/" + payment.id() + "/close")));
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT closed_at IS NOT NULL FROM payment WHERE id = ?")
                .param(payment.id())
                .query(Boolean.class)
                .single())
        .isTrue(); // 我的订单 shows the attempt closed, no longer waiting to be paid
    String details = s.get("/orders/" + order.id()).body();
    assertThat(details).contains("支付记录", "已关闭").doesNotContain("待支付");
  }

  @Test
  void a_refund_wechat_pay_refuses_is_shown_failed_with_its_message_on_the_console_order_page()
      throws Exception {
    Order order = signedOrder("微信退款失败测试有限公司");
    PortalHttp s = ownerOf(order);
    String pay = "/apply/" + order.id() + "/pay";
    s.get(pay);
    s.post(pay, PortalHttp.CASHIER);
    Payment payment = app.bean(PaymentService.class).payments(order.id()).get(0);
    String resource =
        WechatPayStub.transaction(
            payment.id(), "4200000001202706150000000088", "SUCCESS", payment.amountFen());
    assertThat(
            notify(
                    "/api/payment/wechat/notify",
                    WechatPayStub.notification(
                        wechat.platform.getPrivate(),
                        WechatPayStub.API_V3_KEY,
                        "TRANSACTION.SUCCESS",
                        "transaction",
                        resource))
                .statusCode())
        .isEqualTo(204);
    wechat.server.stubFor(
        post(urlEqualTo("/v3/refund/domestic/refunds"))
            .willReturn(wechat.error(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起")));

    s.get("/orders/" + order.id() + "/cancel");
    s.post("/orders/" + order.id() + "/cancel", Map.of());

    assertThat(app.bean(PaymentService.class).refundsOf(order.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(Refund.Status.FAILED));
    PortalHttp operator = new PortalHttp(app);
    operator.get("/console/login");
    operator.post("/console/login", Map.of("username", "reviewer", "password", "certhall-demo"));
    HttpResponse<String> page = operator.get("/console/orders/" + order.id());
    assertThat(page.statusCode()).isEqualTo(200);
    String refunds = page.body().substring(page.body().indexOf("id=\"refunds\""));
    assertThat(refunds).contains("退款失败（需人工处理）", "500.00", "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起");
  }

  static HttpResponse<String> notify(String path, WechatPayStub.Notification n) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(n.body()));
    n.headers().forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static PortalHttp ownerOf(Order order) {
    PortalHttp owner = new PortalHttp(app);
    owner.proveUnit(order.application().creditCode(), order.application().handler().mobile());
    return owner;
  }

  static Order reload(Order order) {
    return app.bean(OrderService.class).find(order.id()).orElseThrow();
  }

  /** An order of its own at the cashier (signed), on the demo channel's fee of 500 元. */
  static Order signedOrder(String name) {
    int n = SERIAL.incrementAndGet();
    String creditCode =
        NewUnitApplicationTest.creditCode(
            String.format("91350100MA%07dW", 7000 + n).substring(0, 17));
    String mobile = "1380013" + String.format("%04d", 7000 + n);
    UnitApplication application =
        new UnitApplication(
            name,
            creditCode,
            new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
            new UnitApplication.Handler(
                "李经办",
                IdType.RESIDENT_ID_CARD,
                NewUnitApplicationTest.HANDLER_ID,
                mobile,
                "jb@example.cn"),
            new UnitApplication.Administrator(
                "王管理", IdType.RESIDENT_ID_CARD, NewUnitApplicationTest.ADMIN_ID, "13900139002"),
            EnterpriseVerificationDetails.corporateTransfer(name, "35001234567890", "中国农业银行"),
            AdministratorVerificationDetails.mobile());
    OrderService orders = app.bean(OrderService.class);
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", application);
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
}
