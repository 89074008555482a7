package cn.certhall.app.realname;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.sms.Signatures;
import cn.certhall.domain.evidence.OrderEvidence;
import cn.certhall.domain.evidence.OrderEvidenceReports;
import cn.certhall.domain.verification.VerificationMethod;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
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

/**
 * The running app with {@code certhall.realname.provider=tencent} pointed at a stub of Tencent
 * Cloud 人脸核身: the application form's administrator and legal-representative checks reach the stub
 * signed, each is recorded under the order's number with the provider's request id, and the
 * evidence report shows them; a provider that is down answers the form with its clear message.
 */
class RealNameProviderAppTest {
  @TempDir static Path dataDir;
  static WireMockServer stub;
  static RunningApp app;

  @BeforeAll
  static void start() {
    stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    stub.start();
    Map<String, String> settings = IdentityProviderSettings.tencent("127.0.0.1:" + stub.port());
    settings.put("certhall.ca.hierarchies", "ECDSA");
    settings.put("certhall.sandbox.enabled", "true");
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

  static HttpResponse<String> fileForm(PortalHttp browser, String creditCode) {
    browser.get("/apply?channelId=demo");
    assertThat(
            PortalHttp.location(
                browser.post("/apply", Map.of("channelId", "demo", "agree", "yes"))))
        .isEqualTo("/apply/form");
    return browser.post(
        "/apply/form",
        ApplicationForms.byLegalRepMobile(
            "福州实名科技有限公司",
            creditCode,
            "张法人",
            "13700137133",
            "李经办",
            LifecycleFixtures.residentId("11010119900307123"),
            "13800138133",
            "jb@example.cn"));
  }

  @Test
  void both_checks_go_to_the_provider_are_recorded_for_the_order_and_shown_in_its_evidence()
      throws Exception {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{\"Result\":\"0\",\"Description\":\"认证通过\",\"Isp\":\"移动\","
                            + "\"RequestId\":\"{{randomValue type='UUID'}}\"}}")
                    .withTransformers("response-template")));
    PortalHttp browser = new PortalHttp(app);

    HttpResponse<String> filed =
        fileForm(browser, LifecycleFixtures.creditCode("91350100MA2NDR001"));

    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String orderId = PortalHttp.location(filed).split("/")[2];
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("X-TC-Action")).isEqualTo("PhoneVerification"));
    for (LoggedRequest r : requests) {
      Signatures.assertTc3(
          r, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
    }

    List<VerificationRecord> records = app.bean(JdbcVerificationRecords.class).forSubject(orderId);
    assertThat(records)
        .extracting(VerificationRecord::purpose)
        .containsExactly(VerificationPurpose.ADMINISTRATOR, VerificationPurpose.ENTERPRISE);
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo(VerificationMethod.MOBILE_THREE_FACTOR);
              assertThat(r.provider()).isEqualTo("tencent");
              assertThat(r.outcome()).isEqualTo("MATCH");
              assertThat(r.providerCode()).isEqualTo("0");
              assertThat(r.requestId()).matches("[0-9a-f-]{36}");
            });

    OrderEvidence evidence = app.bean(OrderEvidenceReports.class).report(orderId);
    assertThat(evidence.verifications())
        .extracting(OrderEvidence.Verification::providerReference)
        .containsExactly(records.get(0).requestId(), records.get(1).requestId());
    assertThat(evidence.verifications())
        .extracting(OrderEvidence.Verification::method)
        .containsExactly("MOBILE", "LEGAL_REP_MOBILE");
  }

  @Test
  void a_provider_that_is_down_answers_the_form_with_the_clear_message() {
    stub.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    PortalHttp browser = new PortalHttp(app);

    HttpResponse<String> filed =
        fileForm(browser, LifecycleFixtures.creditCode("91350100MA2NDR002"));
    String page =
        filed.statusCode() == 302 ? browser.get(PortalHttp.location(filed)).body() : filed.body();

    assertThat(page).contains("实名核验服务暂时不可用，请稍后再试");
    assertThat(stub.findAll(anyRequestedFor(anyUrl())))
        .as("the administrator's check only, tried once")
        .hasSize(1);
  }
}
