package cn.certhall.app.realname;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.sms.Signatures;
import cn.certhall.domain.sealing.FaceCheck.Result;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
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
 * {@link TencentFaceCheck} against a local stub of Tencent Cloud's {@code ImageRecognitionV2}
 * (照片人脸核身): the photo as standard Base64 with the name and ID number, signed TC3-HMAC-SHA256; a
 * success above or below the similarity threshold, the documented failures (in the answer's Result
 * or as the request's error), a time-out and a provider that is down.
 */
class TencentFaceCheckTest {
  static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
  static final String REQUEST_ID = "f904f4cf-75db-4f8f-a5ec-dc4f942c7f7a";
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

  static TencentFaceCheck check(String proxy, Duration readTimeout) {
    Map<String, String> p = IdentityProviderSettings.tencent(proxy);
    p.put("certhall.face-check.read-timeout", readTimeout.toMillis() + "ms");
    return new TencentFaceCheck(
        new Binder(new MapConfigurationPropertySource(p))
            .bind("certhall.face-check", FaceCheckProperties.class)
            .get());
  }

  static TencentFaceCheck check() {
    return check("127.0.0.1:" + stub.port(), Duration.ofSeconds(5));
  }

  static void answer(String responseFields) {
    stub.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Response\":{"
                            + responseFields
                            + ",\"RequestId\":\""
                            + REQUEST_ID
                            + "\"}}")));
  }

  @Test
  void the_photo_goes_as_base64_with_the_name_and_number_signed_and_a_high_similarity_matches()
      throws Exception {
    answer("\"Result\":\"Success\",\"Description\":\"成功\",\"Sim\":89.88");

    ProviderAnswer<Result> answer = check().check("韦小宝", "11204416541220243X", PHOTO);

    assertThat(answer).isEqualTo(new ProviderAnswer<>(Result.MATCH, "Success 89.88", REQUEST_ID));
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    LoggedRequest r = requests.get(0);
    assertThat(r.getHeader("X-TC-Action")).isEqualTo("ImageRecognitionV2");
    assertThat(r.getHeader("X-TC-Version")).isEqualTo("2018-03-01");
    JsonNode body = JsonMapper.builder().build().readTree(r.getBodyAsString());
    assertThat(body.get("IdCard").asString()).isEqualTo("11204416541220243X");
    assertThat(body.get("Name").asString()).isEqualTo("韦小宝");
    assertThat(Base64.getDecoder().decode(body.get("ImageBase64").asString())).isEqualTo(PHOTO);
    Signatures.assertTc3(
        r, "faceid", IdentityProviderSettings.SECRET_ID, IdentityProviderSettings.SECRET_KEY);
  }

  @Test
  void a_success_below_the_threshold_is_a_mismatch() {
    answer("\"Result\":\"Success\",\"Description\":\"成功\",\"Sim\":72.5");

    assertThat(check().check("韦小宝", "11204416541220243X", PHOTO).result())
        .as("80 by default: 72.5 is not enough")
        .isEqualTo(Result.MISMATCH);
  }

  @ParameterizedTest
  @CsvSource({
    "FailedOperation.CompareLowSimilarity, MISMATCH",
    "FailedOperation.IdNameMisMatch, MISMATCH",
    "FailedOperation.IdNoExistSystem, MISMATCH",
    "FailedOperation.LifePhotoDetectNoFaces, MISMATCH",
    "FailedOperation.LifePhotoDetectFake, MISMATCH",
    "FailedOperation.ImageDecodeFailed, MISMATCH",
    "FailedOperation.CompareSystemError, UNAVAILABLE",
    "FailedOperation.IdPhotoSystemNoanswer, UNAVAILABLE",
    "FailedOperation.UnKnown, UNAVAILABLE"
  })
  void each_documented_failure_is_one_outcome_in_the_result_or_as_the_error(
      String code, Result expected) {
    answer("\"Result\":\"" + code + "\",\"Description\":\"失败\",\"Sim\":0");
    assertThat(check().check("韦小宝", "11204416541220243X", PHOTO))
        .isEqualTo(new ProviderAnswer<>(expected, code, REQUEST_ID));

    answer("\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"失败\"}");
    assertThat(check().check("韦小宝", "11204416541220243X", PHOTO))
        .isEqualTo(new ProviderAnswer<>(expected, code, REQUEST_ID));
  }

  @Test
  void credentials_refused_are_unavailable() {
    answer(
        "\"Error\":{\"Code\":\"AuthFailure.SecretIdNotFound\",\"Message\":\"The SecretId is not found\"}");

    assertThat(check().check("韦小宝", "11204416541220243X", PHOTO))
        .isEqualTo(
            new ProviderAnswer<>(Result.UNAVAILABLE, "AuthFailure.SecretIdNotFound", REQUEST_ID));
  }

  @Test
  void a_time_out_and_a_provider_that_is_down_are_unavailable() throws IOException {
    stub.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(4_000).withBody("{}")));
    assertThat(
            check("127.0.0.1:" + stub.port(), Duration.ofSeconds(1))
                .check("韦小宝", "11204416541220243X", PHOTO))
        .isEqualTo(new ProviderAnswer<>(Result.UNAVAILABLE, "TIMEOUT", null));

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(
            check("127.0.0.1:" + closed, Duration.ofSeconds(2))
                .check("韦小宝", "11204416541220243X", PHOTO))
        .isEqualTo(new ProviderAnswer<>(Result.UNAVAILABLE, "UNREACHABLE", null));
  }
}
