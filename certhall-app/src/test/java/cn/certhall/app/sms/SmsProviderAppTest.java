package cn.certhall.app.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.persistence.SmsMessageLog;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.domain.verification.SmsTemplate;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running app with {@code certhall.sms.provider=aliyun} pointed at a stub of Alibaba Cloud: the
 * 证书授权码 of the application form reaches the stub as its template with the code, the code the stub
 * received opens the next step, and a provider's limit answers the form with its message.
 */
class SmsProviderAppTest {
  static final String LEGAL_REP_MOBILE = "13700137122";
  static final String HANDLER_MOBILE = "13800138122";

  @TempDir static Path dataDir;
  static WireMockServer stub;
  static RunningApp app;

  @BeforeAll
  static void start() {
    stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    stub.start();
    Map<String, String> settings = ProviderSettings.aliyun("127.0.0.1:" + stub.port());
    settings.put("certhall.ca.hierarchies", "ECDSA");
    app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, settings);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    stub.stop();
  }

  @BeforeEach
  void reset() {
    stub.resetAll();
  }

  static void answer(String code) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody(
                        "{\"Message\":\"OK\",\"RequestId\":\"REQ-"
                            + code
                            + "\",\"Code\":\""
                            + code
                            + "\",\"BizId\":\"900619746936498440^0\"}")));
  }

  /** Fills the form up to the point where the authorization code is sent. */
  static HttpResponse<String> fileForm(PortalHttp browser, String creditCode) {
    browser.get("/apply?channelId=demo");
    assertThat(
            PortalHttp.location(
                browser.post("/apply", Map.of("channelId", "demo", "agree", "yes"))))
        .isEqualTo("/apply/form");
    return browser.post(
        "/apply/form",
        ApplicationForms.byLegalRepMobile(
            "福州短信科技有限公司",
            creditCode,
            "张法人",
            LEGAL_REP_MOBILE,
            "李经办",
            LifecycleFixtures.residentId("11010119900307123"),
            HANDLER_MOBILE,
            "jb@example.cn"));
  }

  @Test
  void the_authorization_code_goes_to_the_provider_as_its_template_and_opens_the_next_step() {
    answer("OK");
    PortalHttp browser = new PortalHttp(app);

    HttpResponse<String> filed =
        fileForm(browser, LifecycleFixtures.creditCode("91350100MA2NDF001"));

    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String confirm = PortalHttp.location(filed);
    String orderId = confirm.split("/")[2];
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    Map<String, String> params = Signatures.query(requests.get(0).getUrl());
    assertThat(params)
        .containsEntry("PhoneNumbers", LEGAL_REP_MOBILE)
        .containsEntry(
            "TemplateCode", ProviderSettings.aliyunCode(SmsTemplate.ENTERPRISE_VERIFICATION_CODE));
    Map<?, ?> values =
        JsonMapper.builder().build().readValue(params.get("TemplateParam"), Map.class);
    assertThat(values.get("ttl")).isEqualTo("10分钟");
    String code = (String) values.get("code");
    assertThat(code).matches("\\d{6}");
    assertThat(app.bean(SmsMessageLog.class).newest(1))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.provider()).isEqualTo("aliyun");
              assertThat(m.result()).isEqualTo("SENT");
              assertThat(m.maskedMobile()).isEqualTo("137****7122");
              assertThat(m.requestId()).isEqualTo("REQ-OK");
              assertThat(m.messageId()).isEqualTo("900619746936498440^0");
            });

    assertThat(PortalHttp.location(browser.post(confirm, Map.of())))
        .isEqualTo("/apply/" + orderId + "/code");
    HttpResponse<String> entered =
        browser.post("/apply/" + orderId + "/code", Map.of("code", code));
    assertThat(PortalHttp.location(entered)).endsWith("/materials");
  }

  @Test
  void a_limit_of_the_provider_answers_the_form_with_its_message_and_nothing_outstanding() {
    answer("isv.BUSINESS_LIMIT_CONTROL");
    PortalHttp browser = new PortalHttp(app);

    HttpResponse<String> filed =
        fileForm(browser, LifecycleFixtures.creditCode("91350100MA2NDF002"));
    String page =
        filed.statusCode() == 302 ? browser.get(PortalHttp.location(filed)).body() : filed.body();

    assertThat(page).contains("该手机号码获取短信过于频繁，请稍后再试");
    assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    assertThat(app.bean(SmsMessageLog.class).newest(1))
        .singleElement()
        .satisfies(m -> assertThat(m.result()).isEqualTo("RATE_LIMITED"));

    answer("OK");
    HttpResponse<String> again =
        fileForm(browser, LifecycleFixtures.creditCode("91350100MA2NDF002"));
    assertThat(again.statusCode()).as("no cooldown: the failed code was withdrawn").isEqualTo(302);
    assertThat(PortalHttp.location(again)).matches("/apply/CH\\w+/confirm");
  }
}
