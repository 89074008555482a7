package cn.certhall.app.production;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.payment.WechatPayStub;
import cn.certhall.app.payment.alipay.AlipayFixture;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.realname.IdentityProviderSettings;
import cn.certhall.app.sms.ProviderSettings;
import cn.certhall.app.sms.Signatures;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.SmsTemplate;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode with every real provider configured (issue 17): the sandbox off and allowed for
 * no port, SMS by Alibaba Cloud, the real-name and face checks by Tencent Cloud, WeChat Pay and
 * Alipay, 对公打款 made by finance, mail over SMTP, on PostgreSQL; each provider a local stub. The app
 * starts, has no /sandbox, and one step of the flow per provider reaches its stub (the face check's
 * is {@code sealing.SealAppFaceCheckTest}).
 */
class ProductionProvidersTest {
  static final long FEE = 30000;

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path temporary;
  static WireMockServer aliyun;
  static WireMockServer tencent;
  static WechatPayStub wechat;
  static WireMockServer alipayGateway;
  static AlipayFixture alipay;
  static RunningApp app;

  @BeforeAll
  static void start() throws Exception {
    aliyun = stub(options().bindAddress("127.0.0.1").dynamicPort());
    aliyun.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody(
                        "{\"Message\":\"OK\",\"RequestId\":\"ALIYUN-REQ\",\"Code\":\"OK\",\"BizId\":\"900619746936498440^0\"}")));
    tencent = stub(options().bindAddress("127.0.0.1").dynamicPort());
    tencent.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{\"Result\":\"0\",\"Description\":\"认证通过\",\"Isp\":\"移动\","
                            + "\"RequestId\":\"{{randomValue type='UUID'}}\"}}")
                    .withTransformers("response-template")));
    wechat = new WechatPayStub(Files.createDirectories(temporary.resolve("wechat")));
    wechat.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                wechat.signed(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=ProdTest\"}")));
    wechat.server.stubFor(
        get(urlPathMatching("/v3/pay/transactions/out-trade-no/[^/]+"))
            .willReturn(wechat.signed(200, WechatPayStub.transaction("PY", null, "NOTPAY", FEE))));
    wechat.server.stubFor(
        post(urlPathMatching("/v3/pay/transactions/out-trade-no/.*/close"))
            .willReturn(wechat.signed(204, "")));
    // production calls Alipay over https only: the stub's own certificate
    alipayGateway = stub(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
    alipayGateway.stubFor(
        get(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html;charset=utf-8")
                    .withBody("支付宝收银台")));
    alipay = new AlipayFixture(Files.createDirectories(temporary.resolve("alipay")));

    Map<String, String> p = new HashMap<>();
    p.put("certhall.mode", "production");
    p.put("certhall.demo.enabled", "false");
    p.put("certhall.sandbox.enabled", "false");
    p.put("certhall.sandbox.allowed-in-production", "");
    p.put("certhall.keystore.passphrase", "a production key store passphrase");
    p.put("certhall.verification.code-secret", "a production code secret of 32 bytes or more");
    p.put("certhall.channel.secret-key", Base64.getEncoder().encodeToString(new byte[32]));
    p.put("certhall.ca.hierarchies", "ECDSA");
    p.putAll(ProviderSettings.aliyun("127.0.0.1:" + aliyun.port()));
    p.putAll(IdentityProviderSettings.tencent("127.0.0.1:" + tencent.port()));
    p.putAll(wechat.settings("https://certhall.example.cn"));
    p.putAll(alipay.settings("https://127.0.0.1:" + alipayGateway.httpsPort() + "/gateway.do"));
    p.put("certhall.verification.transfer.provider", "manual");
    p.put("certhall.verification.transfer.payer-account-name", "某 CA 有限公司");
    p.put("spring.mail.host", "127.0.0.1");
    p.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
    app = RunningApp.start(TestDatabases.freshPostgres(), temporary.resolve("data"), p);
    // the channel a CA administrator gives a platform, with its fee
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at) VALUES ('acme', '某云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    app.bean(ChannelRepository.class).setFee("acme", BusinessType.NEW_UNIT_CERTIFICATE, FEE);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    for (WireMockServer s : new WireMockServer[] {aliyun, tencent, alipayGateway}) {
      if (s != null) {
        s.stop();
      }
    }
    if (wechat != null) {
      wechat.close();
    }
  }

  static WireMockServer stub(com.github.tomakehurst.wiremock.core.WireMockConfiguration options) {
    WireMockServer server = new WireMockServer(options);
    server.start();
    return server;
  }

  @Test
  void there_is_no_sandbox() {
    assertThat(new PortalHttp(app).get("/sandbox").statusCode()).isEqualTo(404);
  }

  @Test
  void the_forms_real_name_checks_reach_tencent_and_its_authorization_code_aliyun()
      throws Exception {
    PortalHttp browser = new PortalHttp(app);
    browser.get("/apply?channelId=acme");
    browser.post("/apply", Map.of("channelId", "acme", "agree", "yes"));
    HttpResponse<String> filed =
        browser.post(
            "/apply/form",
            ApplicationForms.byLegalRepMobile(
                "福州生产科技有限公司",
                LifecycleFixtures.creditCode("91350100MA2PRD001"),
                "张法人",
                "13700137177",
                "李经办",
                LifecycleFixtures.residentId("11010119900307123"),
                "13800138177",
                "jb@example.cn"));

    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    List<LoggedRequest> checks = tencent.findAll(anyRequestedFor(anyUrl()));
    assertThat(checks)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("X-TC-Action")).isEqualTo("PhoneVerification"));
    for (LoggedRequest r : checks) {
      Signatures.assertTc3(
          r, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
    }
    assertThat(smsTo("13700137177").get("TemplateCode"))
        .isEqualTo(ProviderSettings.aliyunCode(SmsTemplate.ENTERPRISE_VERIFICATION_CODE));
  }

  @Test
  void the_cashier_offers_exactly_wechat_pay_and_alipay_and_each_checkout_reaches_its_provider()
      throws Exception {
    Order order = orderAtTheCashier("91350100MA2PRD002", "13800138178");
    PortalHttp payer = new PortalHttp(app);
    // 我的订单: the query code reaches Alibaba Cloud, and opens the order
    payer.get("/orders");
    payer.post(
        "/orders",
        Map.of("kind", "UNIT", "idNumber", order.application().creditCode(), "action", "send"));
    String code =
        (String)
            JsonMapper.builder()
                .build()
                .readValue(smsTo("13800138178").get("TemplateParam"), Map.class)
                .get("code");
    assertThat(
            payer
                .post(
                    "/orders",
                    Map.of(
                        "kind",
                        "UNIT",
                        "idNumber",
                        order.application().creditCode(),
                        "code",
                        code,
                        "action",
                        "verify"))
                .statusCode())
        .isEqualTo(302);
    String pay = "/apply/" + order.id() + "/pay";

    String cashier = payer.get(pay).body();
    assertThat(cashier)
        .contains("id=\"method-WECHAT\"", "id=\"method-ALIPAY\"", "300.00")
        .doesNotContain("method-BANK_TRANSFER", "沙箱");
    assertThat(payer.post(pay, cashier("BANK_TRANSFER")).statusCode())
        .as("no real adapter")
        .isEqualTo(400);

    // 微信支付: the order is placed at WeChat Pay, signed by the merchant, and its QR code shown
    assertThat(PortalHttp.location(payer.post(pay, cashier("WECHAT")))).isEqualTo(pay);
    assertThat(payer.get(pay).body()).contains("请使用微信扫一扫完成支付", "src=\"data:image/png;base64,");
    LoggedRequest prepay =
        wechat.server.findAll(postRequestedFor(urlEqualTo("/v3/pay/transactions/native"))).get(0);
    wechat.assertSignedByMerchant(prepay);
    assertThat(prepay.getBodyAsString()).contains("\"total\":" + FEE);

    // 支付宝: the payer's browser goes to Alipay's cashier with the merchant's signed request
    String gateway =
        payer.post(pay, cashier("ALIPAY")).headers().firstValue("Location").orElseThrow();
    assertThat(gateway)
        .startsWith("https://127.0.0.1:" + alipayGateway.httpsPort() + "/gateway.do?");
    alipay.assertSignedByMerchant(AlipayFixture.query(gateway));
    assertThat(AlipayFixture.query(gateway).get("biz_content"))
        .contains("\"total_amount\":\"300.00\"");
    assertThat(
            browserTrustingTheStub()
                .send(
                    HttpRequest.newBuilder(URI.create(gateway)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .isEqualTo("支付宝收银台");
  }

  @Test
  void a_notice_goes_out_by_mail_over_smtp_and_by_aliyun_sms() throws Exception {
    Order order = orderAtTheCashier("91350100MA2PRD003", "13800138179");
    app.bean(Notifications.class).rejected(order, "营业执照照片模糊");

    app.bean(NotificationDispatcher.class)
        .dispatchDue(); // or the outbox's poller, whichever comes first

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getAllRecipients()[0].toString()).isEqualTo("jb@example.cn");
              assertThat(m.getSubject()).contains("审核未通过", order.id());
            });
    assertThat(smsTo("13800138179").get("TemplateCode"))
        .isEqualTo(ProviderSettings.aliyunCode(SmsTemplate.APPLICATION_REJECTED));
  }

  /** The parameters of the newest SendSms the Alibaba Cloud stub received for the mobile. */
  static Map<String, String> smsTo(String mobile) {
    List<Map<String, String>> sent =
        aliyun.findAll(anyRequestedFor(anyUrl())).stream()
            .map(r -> (Map<String, String>) Signatures.query(r.getUrl()))
            .filter(q -> mobile.equals(q.get("PhoneNumbers")))
            .toList();
    assertThat(sent).as("SMS to " + mobile).isNotEmpty();
    return sent.get(sent.size() - 1);
  }

  static Map<String, String> cashier(String method) {
    return Map.of(
        "method",
        method,
        "invoiceTitle",
        "示例科技有限公司",
        "taxNumber",
        "91350100M000100Y43",
        "invoiceEmail",
        "jb@example.cn");
  }

  /** A new-certificate order of the channel, signed and at the cashier. */
  static Order orderAtTheCashier(String creditCode17, String mobile) {
    String name = "生产测试有限公司" + creditCode17.substring(14);
    UnitApplication application =
        new UnitApplication(
            name,
            LifecycleFixtures.creditCode(creditCode17),
            new UnitApplication.LegalRepresentative("张法人", ApplicationForms.LEGAL_REP_ID),
            new UnitApplication.Handler(
                "李经办",
                IdType.RESIDENT_ID_CARD,
                LifecycleFixtures.residentId("11010119900307123"),
                mobile,
                "jb@example.cn"),
            new UnitApplication.Administrator(
                "王管理",
                IdType.RESIDENT_ID_CARD,
                LifecycleFixtures.residentId("11010119900307123"),
                "13900139002"),
            EnterpriseVerificationDetails.corporateTransfer(name, "35001234567890", "中国农业银行"),
            AdministratorVerificationDetails.mobile());
    OrderService orders = app.bean(OrderService.class);
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "acme", application);
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

  /**
   * The test's browser, trusting the Alipay stub's self-made certificate (the app is not asked to).
   */
  static HttpClient browserTrustingTheStub() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(
        null,
        new TrustManager[] {
          new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(
                X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(
                X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(
                X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(
                X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }
}
