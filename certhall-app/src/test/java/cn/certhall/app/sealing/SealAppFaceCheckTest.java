package cn.certhall.app.sealing;

import static cn.certhall.app.sealing.SealingSetup.createRequest;
import static cn.certhall.app.sealing.SealingSetup.expectRedirect;
import static cn.certhall.app.sealing.SealingSetup.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.realname.IdentityProviderSettings;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.sealing.SealingSetup.SealAppSession;
import cn.certhall.app.sms.Signatures;
import cn.certhall.domain.evidence.DocumentEvidenceReports;
import cn.certhall.domain.evidence.Step;
import cn.certhall.domain.evidence.StepKind;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The seal app's face check (下载个人证书) against a stub of Tencent Cloud's {@code ImageRecognitionV2}
 * ({@code certhall.face-check.provider=tencent}): the administrator signed in sends name, ID number
 * and photo; the stub gets them signed TC3-HMAC-SHA256; a mismatch is refused with the Chinese
 * message, a match lets them set their PIN; each check is in {@code verification_record} with the
 * provider's request id, and the sealed document's evidence names it.
 */
class SealAppFaceCheckTest {
  static final String MISMATCH_ID = "0c6e7f3e-0000-4000-8000-00000000f001";
  static final String MATCH_ID = "0c6e7f3e-0000-4000-8000-00000000f002";

  @TempDir static Path dataDir;
  static WireMockServer tencent;
  static RunningApp app;

  @BeforeAll
  static void start() {
    tencent = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    tencent.start();
    Map<String, String> p = IdentityProviderSettings.tencent("127.0.0.1:" + tencent.port());
    p.remove("certhall.realname.provider"); // only the face check is Tencent's here
    p.put("certhall.ca.hierarchies", "ECDSA");
    p.put("certhall.sandbox.enabled", "true"); // the sign-in SMS
    app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, p);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    tencent.stop();
  }

  static void answer(String fields, String requestId) {
    tencent.resetAll();
    tencent.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{" + fields + ",\"RequestId\":\"" + requestId + "\"}}")));
  }

  @Test
  void a_mismatch_is_refused_a_match_goes_on_and_both_are_recorded_with_the_providers_request_id()
      throws Exception {
    Admin admin = new Admin("钱管理", IdType.RESIDENT_ID_CARD, "11010519491231002X", "13930000181");
    Organization org =
        SealingSetup.issued(app, "福州人脸测试科技有限公司", CloudSealingTest.creditCode(), admin);
    SealAppSession phone = new SealAppSession(app);
    expectRedirect(phone.signIn(admin.mobile()));

    answer(
        "\"Result\":\"FailedOperation.CompareLowSimilarity\",\"Description\":\"比对相似度未达到通过标准\",\"Sim\":41.2",
        MISMATCH_ID);
    HttpResponse<String> refused = phone.identity(admin.name(), admin.idNumber(), false);

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("人脸识别未通过，请本人正对摄像头重新拍摄");
    LoggedRequest sent = tencent.findAll(anyRequestedFor(anyUrl())).get(0);
    assertThat(sent.getHeader("X-TC-Action")).isEqualTo("ImageRecognitionV2");
    Signatures.assertTc3(
        sent, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
    JsonNode body = SealingSetup.JSON.readTree(sent.getBodyAsString());
    assertThat(body.get("Name").asString()).isEqualTo(admin.name());
    assertThat(body.get("IdCard").asString()).isEqualTo(admin.idNumber());
    assertThat(Base64.getDecoder().decode(body.get("ImageBase64").asString()))
        .isEqualTo(SealingSetup.photo());

    answer("\"Result\":\"Success\",\"Description\":\"成功\",\"Sim\":91.5", MATCH_ID);
    HttpResponse<String> passed = phone.identity(admin.name(), admin.idNumber(), false);

    assertThat(passed.headers().firstValue("Location").orElseThrow()).endsWith("/seal-app/pin");
    List<VerificationRecord> records =
        app.bean(JdbcVerificationRecords.class).forSubject("139****0181");
    assertThat(records)
        .extracting(VerificationRecord::purpose)
        .containsOnly(VerificationPurpose.FACE);
    assertThat(records)
        .extracting(r -> r.outcome() + " " + r.provider() + " " + r.requestId())
        .containsExactly("MISMATCH tencent " + MISMATCH_ID, "MATCH tencent " + MATCH_ID);

    // the sealed document's evidence names the face check's provider and request id
    expectRedirect(phone.setPin("318204"));
    JsonNode request =
        json(
            createRequest(
                app,
                SealingSetup.apiKey(app, "demo"),
                org.creditCode(),
                SealingSetup.onePagePdf("Face check evidence."),
                Map.of("page", "1", "x", "150", "y", "80")));
    String id = request.get("request").get("id").asString();
    phone.open(request.get("link").asString());
    assertThat(phone.seal(id, "318204").body()).contains("用章成功");
    assertThat(app.bean(DocumentEvidenceReports.class).report(id).orElseThrow().steps())
        .filteredOn(s -> s.kind() == StepKind.FACE_CHECKED)
        .extracting(Step::arguments)
        .containsExactly(
            List.of("MISMATCH", "tencent", MISMATCH_ID), List.of("MATCH", "tencent", MATCH_ID));
  }
}
