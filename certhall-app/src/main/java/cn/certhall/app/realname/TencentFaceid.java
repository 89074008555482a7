package cn.certhall.app.realname;

import cn.certhall.app.provider.Failures;
import cn.certhall.app.provider.TencentCloudProfiles;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud 人脸核身 (faceid, API 2018-03-01) through the SDK's common client: a JSON POST to the
 * action, signed TC3-HMAC-SHA256 by the SDK (the product's own SDK module is not on Maven Central
 * at the version of the SMS one). One try per call; the answer is the {@code Response} object, an
 * error of the whole request its {@code Error.Code}.
 */
final class TencentFaceid {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One call's answer.
   *
   * @param response the {@code Response} object when the provider answered without an error
   * @param code the error's code, or TIMEOUT / UNREACHABLE; null when {@code response} is set
   */
  record Reply(JsonNode response, String code, String requestId) {
    boolean answered() {
      return response != null;
    }

    String text(String field) {
      JsonNode value = response == null ? null : response.get(field);
      return value == null || value.isNull() ? null : value.asString();
    }
  }

  private final CommonClient client;

  /**
   * @param prefix the settings' prefix, for the names of missing ones
   */
  TencentFaceid(
      TencentCloudSettings settings, String prefix, Duration connectTimeout, Duration readTimeout) {
    String what = "the tencent provider (" + prefix + ".provider)";
    String secretId =
        TencentCloudProfiles.require(settings.secretId(), prefix + ".tencent.secret-id", what);
    String secretKey =
        TencentCloudProfiles.require(settings.secretKey(), prefix + ".tencent.secret-key", what);
    this.client =
        new CommonClient(
            "faceid",
            "2018-03-01",
            new Credential(secretId, secretKey),
            settings.region() == null ? "" : settings.region(),
            TencentCloudProfiles.of(
                settings.endpoint(),
                settings.protocol(),
                settings.proxy(),
                prefix + ".tencent.proxy",
                connectTimeout,
                readTimeout));
  }

  Reply call(String action, Map<String, ?> parameters) {
    try {
      String body = client.call(action, JSON.writeValueAsString(parameters));
      JsonNode response = JSON.readTree(body).path("Response");
      JsonNode requestId = response.get("RequestId");
      String id = requestId == null || requestId.isNull() ? null : requestId.asString();
      JsonNode error = response.get("Error");
      if (error != null && !error.isNull()) {
        JsonNode code = error.get("Code");
        return new Reply(null, code == null ? "NO_CODE" : code.asString(), id);
      }
      if (response.isMissingNode()) {
        return new Reply(null, "NO_RESPONSE", null);
      }
      return new Reply(response, null, id);
    } catch (TencentCloudSDKException e) {
      if (e.getErrorCode() == null || e.getErrorCode().isBlank()) {
        return new Reply(null, Failures.of(e), null);
      }
      String requestId = e.getRequestId();
      return new Reply(
          null, e.getErrorCode(), requestId == null || requestId.isBlank() ? null : requestId);
    } catch (RuntimeException e) {
      return new Reply(null, Failures.of(e), null);
    }
  }
}
