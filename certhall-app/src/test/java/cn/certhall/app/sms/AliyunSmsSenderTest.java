package cn.certhall.app.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AliyunSmsSender} against a local stub of Alibaba Cloud's SendSms (API 2017-05-25): the
 * request as the documentation describes it (action and version headers, PhoneNumbers, SignName,
 * TemplateCode, TemplateParam as JSON, an ACS3-HMAC-SHA256 signature checked with the secret), the
 * documented answers and error codes, a time-out and a provider that is down.
 */
class AliyunSmsSenderTest {
  static final SmsMessage CODE =
      SmsMessage.of(SmsTemplate.ENTERPRISE_VERIFICATION_CODE, "170365", "10分钟");
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

  static SmsProperties properties(String endpoint, Duration readTimeout) {
    Map<String, String> p = ProviderSettings.aliyun(endpoint);
    p.put("certhall.sms.read-timeout", readTimeout.toMillis() + "ms");
    return new Binder(new MapConfigurationPropertySource(p))
        .bind("certhall.sms", SmsProperties.class)
        .get();
  }

  static AliyunSmsSender sender(String endpoint, Duration readTimeout) {
    SmsProperties p = properties(endpoint, readTimeout);
    return new AliyunSmsSender(p.aliyun(), p.connectTimeout(), p.readTimeout());
  }

  static AliyunSmsSender sender() {
    return sender("127.0.0.1:" + stub.port(), Duration.ofSeconds(5));
  }

  static void answer(int status, String body) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody(body)));
  }

  @Test
  void a_message_goes_as_the_template_code_with_its_values_signed_acs3() throws Exception {
    answer(
        200,
        "{\"Message\":\"OK\",\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\","
            + "\"Code\":\"OK\",\"BizId\":\"900619746936498440^0\"}");

    SmsDelivery delivery = sender().deliver("13812345678", CODE);

    assertThat(delivery)
        .isEqualTo(
            new SmsDelivery(
                Result.SENT, "OK", "F655A8D5-B967-440B-8683-DAD6FF8DE990", "900619746936498440^0"));
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    LoggedRequest r = requests.get(0);
    assertThat(r.getHeader("x-acs-action")).isEqualTo("SendSms");
    assertThat(r.getHeader("x-acs-version")).isEqualTo("2017-05-25");
    Map<String, String> params = Signatures.query(r.getUrl());
    if (params.isEmpty()) {
      params = Signatures.query("?" + r.getBodyAsString());
    }
    assertThat(params)
        .containsEntry("PhoneNumbers", "13812345678")
        .containsEntry("SignName", ProviderSettings.SIGN_NAME)
        .containsEntry(
            "TemplateCode", ProviderSettings.aliyunCode(SmsTemplate.ENTERPRISE_VERIFICATION_CODE));
    assertThat(JsonMapper.builder().build().readValue(params.get("TemplateParam"), Map.class))
        .isEqualTo(Map.of("code", "170365", "ttl", "10分钟"));
    Signatures.assertAcs3(r, ProviderSettings.ALIYUN_KEY_ID, ProviderSettings.ALIYUN_KEY_SECRET);
    assertThat(r.getAllHeaderKeys().stream().map(r::getHeader).toList())
        .as("the secret travels in no header")
        .noneSatisfy(v -> assertThat(v).contains(ProviderSettings.ALIYUN_KEY_SECRET));
  }

  @ParameterizedTest
  @CsvSource({
    "isv.BUSINESS_LIMIT_CONTROL, 触发号码天级流控Permits:10, RATE_LIMITED",
    "isv.DAY_LIMIT_CONTROL, 触发日发送限额, RATE_LIMITED",
    "isv.MOBILE_NUMBER_ILLEGAL, 非法手机号, INVALID_NUMBER",
    "isv.SMS_TEMPLATE_ILLEGAL, 该账号下找不到对应模板, REFUSED",
    "isv.SMS_SIGNATURE_ILLEGAL, 该账号下找不到对应签名, REFUSED",
    "isv.TEMPLATE_MISSING_PARAMETERS, 模板变量中存在未赋值变量, REFUSED",
    "isv.AMOUNT_NOT_ENOUGH, 账户余额不足, REFUSED",
    "isv.OUT_OF_SERVICE, 业务停机, REFUSED",
    "isp.SYSTEM_ERROR, 系统出现错误, UNAVAILABLE"
  })
  void each_documented_error_code_is_one_outcome(String code, String message, Result expected) {
    answer(
        200, "{\"Message\":\"" + message + "\",\"RequestId\":\"A1B2\",\"Code\":\"" + code + "\"}");

    assertThat(sender().deliver("13812345678", CODE))
        .isEqualTo(new SmsDelivery(expected, code, "A1B2", null));
  }

  @Test
  void a_refused_credential_is_the_operators_to_mend() {
    answer(
        404,
        "{\"RequestId\":\"C3D4\",\"HostId\":\"dysmsapi.aliyuncs.com\","
            + "\"Code\":\"InvalidAccessKeyId.NotFound\",\"Message\":\"Specified access key is not found.\"}");

    SmsDelivery delivery = sender().deliver("13812345678", CODE);

    assertThat(delivery.result()).isEqualTo(Result.REFUSED);
    assertThat(delivery.providerCode()).isEqualTo("InvalidAccessKeyId.NotFound");
  }

  @Test
  void a_provider_error_page_is_unavailable() {
    answer(
        503,
        "{\"RequestId\":\"E5F6\",\"Code\":\"ServiceUnavailable\",\"Message\":\"The request has failed due to a temporary failure of the server.\"}");

    assertThat(sender().deliver("13812345678", CODE).result()).isEqualTo(Result.UNAVAILABLE);
  }

  @Test
  void an_answer_later_than_the_read_timeout_is_a_timeout_without_waiting_for_it() {
    stub.stubFor(
        any(anyUrl()).willReturn(aResponse().withFixedDelay(3_000).withBody("{\"Code\":\"OK\"}")));

    long start = System.nanoTime();
    SmsDelivery delivery =
        sender("127.0.0.1:" + stub.port(), Duration.ofMillis(500)).deliver("13812345678", CODE);

    assertThat(delivery).isEqualTo(new SmsDelivery(Result.UNAVAILABLE, "TIMEOUT", null, null));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    assertThat(stub.findAll(anyRequestedFor(anyUrl())))
        .as("tried once, no retry of its own")
        .hasSize(1);
  }

  @Test
  void a_provider_that_is_down_is_unreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    assertThat(sender("127.0.0.1:" + closed, Duration.ofSeconds(2)).deliver("13812345678", CODE))
        .isEqualTo(new SmsDelivery(Result.UNAVAILABLE, "UNREACHABLE", null, null));
  }

  @Test
  void missing_settings_are_refused_at_start_naming_them() {
    Map<String, String> p = ProviderSettings.aliyun("127.0.0.1:9");
    p.remove("certhall.sms.aliyun.templates.renewal-reminder");
    SmsProperties props =
        new Binder(new MapConfigurationPropertySource(p))
            .bind("certhall.sms", SmsProperties.class)
            .get();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AliyunSmsSender(props.aliyun(), props.connectTimeout(), props.readTimeout()))
        .hasMessageContaining("certhall.sms.aliyun.templates")
        .hasMessageContaining("renewal-reminder");
    assertThat(props.aliyun().toString()).doesNotContain(ProviderSettings.ALIYUN_KEY_SECRET);
  }
}
