package cn.certhall.app.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsSender.Result;
import cn.certhall.domain.verification.SmsTemplate;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link TencentSmsSender} against a local stub of Tencent Cloud's SendSms (API 2021-01-11): a JSON
 * POST with X-TC-Action SendSms, PhoneNumberSet in E.164 (+86…), SmsSdkAppId, SignName, TemplateId
 * and TemplateParamSet, signed TC3-HMAC-SHA256 (checked with the secret key); the documented
 * SendStatusSet codes, a whole-request error, a time-out and a provider that is down.
 */
class TencentSmsSenderTest {
  static final SmsMessage NOTICE =
      SmsMessage.of(
          SmsTemplate.APPLICATION_REJECTED, "单位证书新办", "CH20270615ABCDEFGHJKLM", "营业执照不清晰");
  static WireMockServer stub;

  @BeforeAll
  static void start() {
    stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    stub.start();
  }

  @AfterAll
  static void stop() {
    stub.stop();
  }

  @BeforeEach
  void reset() {
    stub.resetAll();
  }

  static TencentSmsSender sender(String proxy, Duration readTimeout) {
    Map<String, String> p = ProviderSettings.tencent(proxy);
    p.put("certhall.sms.read-timeout", readTimeout.toMillis() + "ms");
    SmsProperties props =
        new Binder(new MapConfigurationPropertySource(p))
            .bind("certhall.sms", SmsProperties.class)
            .get();
    return new TencentSmsSender(props.tencent(), props.connectTimeout(), props.readTimeout());
  }

  static TencentSmsSender sender() {
    return sender("127.0.0.1:" + stub.port(), Duration.ofSeconds(5));
  }

  static void answer(String body) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  static String status(String code, String message) {
    return "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:1045710669157053657849499619\","
        + "\"PhoneNumber\":\"+8613812345678\",\"Fee\":1,\"SessionContext\":\"\",\"Code\":\""
        + code
        + "\",\"Message\":\""
        + message
        + "\",\"IsoCode\":\"CN\"}],"
        + "\"RequestId\":\"a0aabda6-cf91-4f3e-a81f-9198114a2279\"}}";
  }

  @Test
  void a_message_goes_as_the_template_id_with_its_values_in_order_signed_tc3() throws Exception {
    answer(status("Ok", "send success"));

    SmsDelivery delivery = sender().deliver("13812345678", NOTICE);

    assertThat(delivery)
        .isEqualTo(
            new SmsDelivery(
                Result.SENT,
                "Ok",
                "a0aabda6-cf91-4f3e-a81f-9198114a2279",
                "5000:1045710669157053657849499619"));
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    LoggedRequest r = requests.get(0);
    assertThat(r.getMethod().getName()).isEqualTo("POST");
    assertThat(r.getHeader("Host")).isEqualTo("sms.tencentcloudapi.com");
    assertThat(r.getHeader("X-TC-Action")).isEqualTo("SendSms");
    assertThat(r.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
    assertThat(r.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
    JsonNode body = JsonMapper.builder().build().readTree(r.getBodyAsString());
    assertThat(body.get("PhoneNumberSet").get(0).asString()).isEqualTo("+8613812345678");
    assertThat(body.get("PhoneNumberSet").size()).isEqualTo(1);
    assertThat(body.get("SmsSdkAppId").asString()).isEqualTo(ProviderSettings.TENCENT_APP_ID);
    assertThat(body.get("SignName").asString()).isEqualTo(ProviderSettings.SIGN_NAME);
    assertThat(body.get("TemplateId").asString())
        .isEqualTo(ProviderSettings.tencentId(SmsTemplate.APPLICATION_REJECTED));
    assertThat(body.get("TemplateParamSet").values().stream().map(JsonNode::asString).toList())
        .containsExactly("单位证书新办", "CH20270615ABCDEFGHJKLM", "营业执照不清晰");
    Signatures.assertTc3(
        r, ProviderSettings.TENCENT_SECRET_ID, ProviderSettings.TENCENT_SECRET_KEY);
    assertThat(r.getAllHeaderKeys().stream().map(r::getHeader).toList())
        .noneSatisfy(v -> assertThat(v).contains(ProviderSettings.TENCENT_SECRET_KEY));
  }

  @ParameterizedTest
  @CsvSource({
    "LimitExceeded.PhoneNumberDailyLimit, 单个手机号日下发短信条数超过设定的上限, RATE_LIMITED",
    "LimitExceeded.PhoneNumberThirtySecondLimit, 单个手机号30秒内下发短信条数超过设定的上限, RATE_LIMITED",
    "InvalidParameterValue.IncorrectPhoneNumber, 手机号格式错误, INVALID_NUMBER",
    "FailedOperation.PhoneNumberInBlacklist, 手机号在免打扰名单库中, INVALID_NUMBER",
    "FailedOperation.TemplateIncorrectOrUnapproved, 模板未审批或内容不匹配, REFUSED",
    "FailedOperation.SignatureIncorrectOrUnapproved, 签名未审批或格式错误, REFUSED",
    "FailedOperation.InsufficientBalanceInSmsPackage, 套餐包余量不足, REFUSED",
    "InternalError.Timeout, 请求下发短信超时, UNAVAILABLE"
  })
  void each_documented_status_code_is_one_outcome(String code, String message, Result expected) {
    answer(status(code, message));

    SmsDelivery delivery = sender().deliver("13812345678", NOTICE);

    assertThat(delivery.result()).isEqualTo(expected);
    assertThat(delivery.providerCode()).isEqualTo(code);
    assertThat(delivery.requestId()).isEqualTo("a0aabda6-cf91-4f3e-a81f-9198114a2279");
  }

  @Test
  void an_error_of_the_whole_request_comes_with_its_code() {
    answer(
        "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\","
            + "\"Message\":\"The provided credentials could not be validated.\"},"
            + "\"RequestId\":\"b1c2\"}}");

    assertThat(sender().deliver("13812345678", NOTICE))
        .isEqualTo(new SmsDelivery(Result.REFUSED, "AuthFailure.SignatureFailure", "b1c2", null));
  }

  @Test
  void an_answer_later_than_the_read_timeout_is_a_timeout_without_waiting_for_it() {
    stub.stubFor(
        any(anyUrl())
            .willReturn(aResponse().withFixedDelay(4_000).withBody(status("Ok", "send success"))));

    long start = System.nanoTime();
    SmsDelivery delivery =
        sender("127.0.0.1:" + stub.port(), Duration.ofSeconds(1)).deliver("13812345678", NOTICE);

    assertThat(delivery).isEqualTo(new SmsDelivery(Result.UNAVAILABLE, "TIMEOUT", null, null));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_500));
  }

  @Test
  void a_provider_that_is_down_is_unreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    assertThat(sender("127.0.0.1:" + closed, Duration.ofSeconds(2)).deliver("13812345678", NOTICE))
        .isEqualTo(new SmsDelivery(Result.UNAVAILABLE, "UNREACHABLE", null, null));
  }

  @Test
  void missing_settings_are_refused_at_start_naming_them() {
    Map<String, String> p = ProviderSettings.tencent("127.0.0.1:9");
    p.remove("certhall.sms.tencent.sdk-app-id");
    SmsProperties props =
        new Binder(new MapConfigurationPropertySource(p))
            .bind("certhall.sms", SmsProperties.class)
            .get();
    assertThatThrownBy(
            () ->
                new TencentSmsSender(props.tencent(), props.connectTimeout(), props.readTimeout()))
        .hasMessageContaining("certhall.sms.tencent.sdk-app-id");
    assertThat(props.tencent().toString()).doesNotContain(ProviderSettings.TENCENT_SECRET_KEY);
  }
}
