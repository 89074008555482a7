package cn.certhall.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.MobileThreeFactor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox page and API of the running application: what the enterprise verification sends can
 * be read there, filtered by recipient, and the codes never reach the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxEndpointsTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  static final String LEGAL_REP_MOBILE = "13812345678";
  static final String OTHER_MOBILE = "13987654321";
  static final String ACCOUNT = "6228480012345678";

  @TempDir Path dataDir;

  static RunningApp start(Path dataDir, boolean sandbox) {
    return RunningApp.start(
        RunningApp.h2File(dataDir),
        dataDir,
        Map.of(
            "certhall.ca.hierarchies", "ECDSA",
            "certhall.sandbox.enabled", String.valueOf(sandbox),
            // the strictest test of "no code in the log": everything of ours, at debug
            "logging.level.cn.certhall", "DEBUG"));
  }

  @Test
  void the_sandbox_shows_what_was_sent_and_the_log_shows_no_code(CapturedOutput output)
      throws Exception {
    List<String> codes = new ArrayList<>();
    try (RunningApp app = start(dataDir, true)) {
      EnterpriseVerification verification = app.bean(EnterpriseVerification.class);
      assertThat(
              verification
                  .byLegalRepMobile(
                      "CH20270615AAAAAAAAAAAA",
                      new MobileThreeFactor("张三", "11010519491231002X", LEGAL_REP_MOBILE))
                  .outcome())
          .isEqualTo(EnterpriseVerificationResult.Outcome.CODE_SENT);
      verification.byLegalRepMobile(
          "CH20270615BBBBBBBBBBBB",
          new MobileThreeFactor("李四", "110105199003071234", OTHER_MOBILE));
      EnterpriseVerificationResult transfer =
          verification.byCorporateTransfer(
              "CH20270615CCCCCCCCCCCC", new CorporateAccount("示例科技有限公司", ACCOUNT, "中国农业银行"));
      assertThat(transfer.delivery().payerAccountName()).isEqualTo("certhall 沙箱付款账户");

      JsonNode all = json(app.url("/sandbox/api/messages"));
      assertThat(all.size()).isEqualTo(3);
      assertThat(all.get(0).get("kind").asString()).as("newest first").isEqualTo("TRANSFER");
      assertThat(all.get(0).get("to").asString()).isEqualTo(ACCOUNT);
      assertThat(all.get(0).get("toName").asString()).isEqualTo("示例科技有限公司");
      assertThat(all.get(2).get("to").asString()).isEqualTo(LEGAL_REP_MOBILE);

      JsonNode toLegalRep = json(app.url("/sandbox/api/messages?to=" + LEGAL_REP_MOBILE));
      assertThat(toLegalRep.size()).isEqualTo(1);
      JsonNode sms = toLegalRep.get(0);
      assertThat(sms.get("kind").asString()).isEqualTo("SMS");
      assertThat(sms.get("sentAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      String smsText = sms.get("body").asString();
      assertThat(smsText).startsWith("【certhall】").contains("证书授权码");
      String smsCode = code(smsText);

      JsonNode toAccount = json(app.url("/sandbox/api/messages?to=" + ACCOUNT));
      assertThat(toAccount.size()).isEqualTo(1);
      String remarkCode = code(toAccount.get(0).get("body").asString());
      JsonNode toOther = json(app.url("/sandbox/api/messages?to=" + OTHER_MOBILE));
      String otherCode = code(toOther.get(0).get("body").asString());
      codes.addAll(List.of(smsCode, remarkCode, otherCode));

      HttpResponse<String> page = get(app.url("/sandbox?to=" + LEGAL_REP_MOBILE));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(page.body())
          .contains("<html lang=\"zh-CN\">")
          .contains("<h1>沙箱消息</h1>")
          .contains("name=\"viewport\"")
          .contains("<label for=\"to\">接收方</label>")
          .contains(smsText)
          .doesNotContain(OTHER_MOBILE)
          .doesNotContain(ACCOUNT);
      String fullPage = get(app.url("/sandbox")).body();
      assertThat(fullPage)
          .contains(smsText)
          .contains("打款附言")
          .contains(ACCOUNT)
          .contains(OTHER_MOBILE);
      String markup = URLEncoder.encode("<b>x</b>", StandardCharsets.UTF_8);
      assertThat(get(app.url("/sandbox?to=" + markup)).body())
          .as("the filter is shown escaped")
          .doesNotContain("<b>x</b>")
          .contains("暂无消息");

      assertThat(verification.verifyCode("CH20270615AAAAAAAAAAAA", smsCode).status())
          .as("the message carries the real code")
          .isEqualTo(CodeCheck.Status.OK);
      assertThat(verification.verifyCode("CH20270615CCCCCCCCCCCC", remarkCode).isOk()).isTrue();
    }

    assertThat(output.getAll()).as("the capture sees the application's log").contains("sandbox on");
    for (String code : codes) {
      assertThat(output.getAll()).as("no code in the log").doesNotContain(code);
    }
  }

  @Test
  void with_the_sandbox_off_there_is_no_page_no_api_and_no_pretending(CapturedOutput output)
      throws Exception {
    try (RunningApp app = start(dataDir, false)) {
      assertThat(get(app.url("/sandbox")).statusCode()).isEqualTo(404);
      assertThat(get(app.url("/sandbox/api/messages")).statusCode()).isEqualTo(404);
      assertThat(get(app.url("/ca")).statusCode()).as("the rest runs").isEqualTo(200);

      EnterpriseVerification verification = app.bean(EnterpriseVerification.class);
      assertThat(
              verification
                  .byLegalRepMobile(
                      "CH20270615AAAAAAAAAAAA",
                      new MobileThreeFactor("张三", "11010519491231002X", LEGAL_REP_MOBILE))
                  .outcome())
          .isEqualTo(EnterpriseVerificationResult.Outcome.REAL_NAME_UNAVAILABLE);
      assertThat(
              verification
                  .byCorporateTransfer(
                      "CH20270615CCCCCCCCCCCC", new CorporateAccount("示例科技有限公司", ACCOUNT, "中国农业银行"))
                  .outcome())
          .isEqualTo(EnterpriseVerificationResult.Outcome.TRANSFER_UNAVAILABLE);
    }
    assertThat(output.getAll()).contains("sandbox off").doesNotContain("sandbox on");
  }

  private static String code(String text) {
    Matcher m = Pattern.compile("\\d{6}").matcher(text);
    assertThat(m.find()).as("a six-digit code in %s", text).isTrue();
    return m.group();
  }

  private static JsonNode json(String url) throws Exception {
    HttpResponse<String> response = get(url);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JsonMapper.builder().build().readTree(response.body());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
