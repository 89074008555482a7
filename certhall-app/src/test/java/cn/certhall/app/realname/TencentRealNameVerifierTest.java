package cn.certhall.app.realname;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.sms.Signatures;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier.Result;
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
 * {@link TencentRealNameVerifier} against a local stub of Tencent Cloud 人脸核身 (faceid, API
 * 2018-03-01): {@code PhoneVerification} and {@code BankCard4EVerification} as JSON POSTs signed
 * TC3-HMAC-SHA256 (recomputed here with the secret key), each documented result code, an error of
 * the whole request, a time-out and a provider that is down.
 */
class TencentRealNameVerifierTest {
  static final MobileThreeFactor PERSON =
      new MobileThreeFactor("韦小宝", "11204416541220243X", "16137688175");
  static final BankCardFourFactor CARD =
      new BankCardFourFactor(
          "韦小宝", IdType.RESIDENT_ID_CARD, "11204416541220243X", "6225768888888888", "16137688175");
  static final String REQUEST_ID = "eb7a2a3a-7b7b-4a4b-9d1e-0b6a6f1d2c3e";
  static final JsonMapper JSON = JsonMapper.builder().build();
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

  static RealNameProperties settings(String proxy, Duration readTimeout) {
    Map<String, String> p = IdentityProviderSettings.tencent(proxy);
    p.put("certhall.realname.read-timeout", readTimeout.toMillis() + "ms");
    return new Binder(new MapConfigurationPropertySource(p))
        .bind("certhall.realname", RealNameProperties.class)
        .get();
  }

  static TencentRealNameVerifier verifier() {
    return new TencentRealNameVerifier(settings("127.0.0.1:" + stub.port(), Duration.ofSeconds(5)));
  }

  static void answer(String responseFields) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{"
                            + responseFields
                            + ",\"RequestId\":\""
                            + REQUEST_ID
                            + "\"}}")));
  }

  static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void the_mobile_check_is_phone_verification_signed_tc3_and_a_zero_is_a_match() throws Exception {
    answer("\"Result\":\"0\",\"Description\":\"认证通过\",\"Isp\":\"移动\"");

    ProviderAnswer<Result> answer = verifier().checkMobile(PERSON);

    assertThat(answer).isEqualTo(new ProviderAnswer<>(Result.MATCH, "0", REQUEST_ID));
    LoggedRequest r = onlyRequest();
    assertThat(r.getMethod().getName()).isEqualTo("POST");
    assertThat(r.getHeader("Host")).isEqualTo("faceid.tencentcloudapi.com");
    assertThat(r.getHeader("X-TC-Action")).isEqualTo("PhoneVerification");
    assertThat(r.getHeader("X-TC-Version")).isEqualTo("2018-03-01");
    JsonNode body = JSON.readTree(r.getBodyAsString());
    assertThat(body.get("IdCard").asString()).isEqualTo("11204416541220243X");
    assertThat(body.get("Name").asString()).isEqualTo("韦小宝");
    assertThat(body.get("Phone").asString()).isEqualTo("16137688175");
    assertThat(body.size()).isEqualTo(3);
    Signatures.assertTc3(
        r, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
    assertThat(r.getAllHeaderKeys().stream().map(r::getHeader).toList())
        .noneSatisfy(v -> assertThat(v).contains(IdentityProviderSettings.SECRET_KEY));
  }

  @Test
  void the_bank_card_check_is_bank_card_4e_verification_with_the_four_factors() throws Exception {
    answer("\"Result\":\"0\",\"Description\":\"认证通过\"");

    assertThat(verifier().checkBankCard(CARD))
        .isEqualTo(new ProviderAnswer<>(Result.MATCH, "0", REQUEST_ID));

    LoggedRequest r = onlyRequest();
    assertThat(r.getHeader("X-TC-Action")).isEqualTo("BankCard4EVerification");
    JsonNode body = JSON.readTree(r.getBodyAsString());
    assertThat(body.get("Name").asString()).isEqualTo("韦小宝");
    assertThat(body.get("BankCard").asString()).isEqualTo("6225768888888888");
    assertThat(body.get("Phone").asString()).isEqualTo("16137688175");
    assertThat(body.get("IdCard").asString()).isEqualTo("11204416541220243X");
    Signatures.assertTc3(
        r, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
  }

  @ParameterizedTest
  @CsvSource({
    "-4, 三要素信息不一致, MISMATCH",
    "-6, 手机号码不合法, MISMATCH",
    "-7, 身份证号码有误, MISMATCH",
    "-8, 姓名校验不通过, MISMATCH",
    "-9, 没有记录, MISMATCH",
    "-13, 该号段不支持验证, MISMATCH",
    "-11, 验证中心服务繁忙, UNAVAILABLE",
    "-12, 认证次数超过当日限制, UNAVAILABLE",
    "-99, 未列出的结果码, UNAVAILABLE"
  })
  void each_documented_mobile_result_is_one_outcome(
      String code, String description, Result expected) {
    answer("\"Result\":\"" + code + "\",\"Description\":\"" + description + "\"");

    assertThat(verifier().checkMobile(PERSON))
        .isEqualTo(new ProviderAnswer<>(expected, code, REQUEST_ID));
  }

  @ParameterizedTest
  @CsvSource({
    "-1, 认证未通过, MISMATCH",
    "-2, 姓名校验不通过, MISMATCH",
    "-4, 银行卡号格式有误, MISMATCH",
    "-7, 未开通无卡支付, MISMATCH",
    "-13, 此卡已挂失, MISMATCH",
    "-20, 该证件号暂不支持核验, MISMATCH",
    "-21, 卡状态异常或卡号错误, MISMATCH",
    "-18, 验证中心服务繁忙, UNAVAILABLE",
    "-19, 验证次数超限, UNAVAILABLE"
  })
  void each_documented_bank_card_result_is_one_outcome(
      String code, String description, Result expected) {
    answer("\"Result\":\"" + code + "\",\"Description\":\"" + description + "\"");

    assertThat(verifier().checkBankCard(CARD))
        .isEqualTo(new ProviderAnswer<>(expected, code, REQUEST_ID));
  }

  @ParameterizedTest
  @CsvSource({
    "AuthFailure.SignatureFailure, 200",
    "UnauthorizedOperation.Arrears, 200",
    "FailedOperation.UnOpenError, 200",
    "InternalError, 200",
    "RequestLimitExceeded, 200"
  })
  void an_error_of_the_whole_request_is_unavailable_with_its_code(String code, int status) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{\"Error\":{\"Code\":\""
                            + code
                            + "\",\"Message\":\"refused\"},"
                            + "\"RequestId\":\""
                            + REQUEST_ID
                            + "\"}}")));

    assertThat(verifier().checkMobile(PERSON))
        .isEqualTo(new ProviderAnswer<>(Result.UNAVAILABLE, code, REQUEST_ID));
  }

  @Test
  void an_http_error_without_an_answer_is_unavailable() {
    stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

    ProviderAnswer<Result> answer = verifier().checkBankCard(CARD);

    assertThat(answer.result()).isEqualTo(Result.UNAVAILABLE);
    assertThat(answer.providerCode()).as("the SDK's code for the HTTP status").isNotBlank();
    assertThat(answer.requestId()).isNull();
  }

  @Test
  void an_answer_later_than_the_read_timeout_is_a_timeout_without_waiting_for_it() {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse().withFixedDelay(4_000).withBody("{\"Response\":{\"Result\":\"0\"}}")));

    long start = System.nanoTime();
    ProviderAnswer<Result> answer =
        new TencentRealNameVerifier(settings("127.0.0.1:" + stub.port(), Duration.ofSeconds(1)))
            .checkMobile(PERSON);

    assertThat(answer).isEqualTo(new ProviderAnswer<>(Result.UNAVAILABLE, "TIMEOUT", null));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_500));
  }

  @Test
  void a_provider_that_is_down_is_unreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    assertThat(
            new TencentRealNameVerifier(settings("127.0.0.1:" + closed, Duration.ofSeconds(2)))
                .checkMobile(PERSON))
        .isEqualTo(new ProviderAnswer<>(Result.UNAVAILABLE, "UNREACHABLE", null));
  }

  @Test
  void missing_credentials_are_refused_at_start_naming_them_and_never_printed() {
    Map<String, String> p = IdentityProviderSettings.tencent("127.0.0.1:9");
    p.remove("certhall.realname.tencent.secret-key");
    RealNameProperties settings =
        new Binder(new MapConfigurationPropertySource(p))
            .bind("certhall.realname", RealNameProperties.class)
            .get();
    assertThatThrownBy(() -> new TencentRealNameVerifier(settings))
        .hasMessageContaining("certhall.realname.tencent.secret-key");
    assertThat(settings(p.get("certhall.realname.tencent.proxy"), Duration.ofSeconds(1)).toString())
        .doesNotContain(IdentityProviderSettings.SECRET_KEY);
  }
}
