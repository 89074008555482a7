package cn.certhall.app.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.pki.ExternalTool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /tsa} as relying parties use it: openssl ts -query piped through curl into openssl ts
 * -verify against the ECDSA root the app serves; bad requests refused.
 */
class TsaEndpointTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void opensslQueryThroughCurlVerifiesAgainstTheServedRoot() throws Exception {
    ExternalTool.require("openssl");
    ExternalTool.require("curl");
    Path data = Files.writeString(dataDir.resolve("contract.txt"), "合同 2026-001");
    Path root = dataDir.resolve("root.pem");
    try (RunningApp app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"))) {
      Files.write(root, get(app.url("/ca/ecdsa-root.pem")).body());
      String pipeline =
          "openssl ts -query -data '"
              + data
              + "' -sha256 -cert"
              + " | curl -s --fail -H 'Content-Type: application/timestamp-query' --data-binary @- "
              + app.url("/tsa")
              + " | openssl ts -verify -data '"
              + data
              + "' -in /dev/stdin -CAfile '"
              + root
              + "'";
      ExternalTool.Result verified = ExternalTool.run("bash", "-o", "pipefail", "-c", pipeline);
      assertThat(verified.output()).contains("Verification: OK");
      assertThat(verified.exitCode()).isZero();

      // another document's hash does not verify against that reply
      Path other = Files.writeString(dataDir.resolve("other.txt"), "其他");
      ExternalTool.Result wrong =
          ExternalTool.run(
              "bash",
              "-o",
              "pipefail",
              "-c",
              "openssl ts -query -data '"
                  + data
                  + "' -sha256 -cert"
                  + " | curl -s --fail -H 'Content-Type: application/timestamp-query'"
                  + " --data-binary @- "
                  + app.url("/tsa")
                  + " | openssl ts -verify -data '"
                  + other
                  + "' -in /dev/stdin -CAfile '"
                  + root
                  + "'");
      assertThat(wrong.output()).doesNotContain("Verification: OK");

      HttpResponse<byte[]> garbage =
          post(app.url("/tsa"), "application/timestamp-query", new byte[] {1, 2, 3});
      assertThat(garbage.statusCode()).isEqualTo(200);
      assertThat(garbage.headers().firstValue("Content-Type"))
          .hasValue("application/timestamp-reply");
      TimeStampResponse refused = new TimeStampResponse(garbage.body());
      assertThat(refused.getStatus()).isEqualTo(PKIStatus.REJECTION);
      assertThat(refused.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);

      assertThat(post(app.url("/tsa"), "application/octet-stream", new byte[] {1}).statusCode())
          .isEqualTo(415);
      assertThat(post(app.url("/tsa"), "application/timestamp-query", new byte[5000]).statusCode())
          .isEqualTo(413);
    }
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> post(String url, String type, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
