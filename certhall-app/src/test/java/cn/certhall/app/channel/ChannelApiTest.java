package cn.certhall.app.channel;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.domain.channel.CertificateSync;
import cn.certhall.domain.channel.ChannelOutbox;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.channel.SyncEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel pull API of the running application: the API key decides who is asking and what they
 * see; without a valid key nothing is answered. The OpenAPI document describes it.
 */
class ChannelApiTest {
  static final HttpClient http = HttpClient.newHttpClient();
  static final JsonMapper json = JsonMapper.builder().build();
  static final String OTHER_SERIAL = "b0b0b0b0c1c1c1c1";

  @TempDir static Path dataDir;
  static RunningApp app;
  static String demoKey;
  static String otherKey;
  static X509Certificate certificate;

  @BeforeAll
  static void start() throws Exception {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies", "ECDSA",
                "certhall.channel.webhook.poll-interval", "200ms"));
    demoKey = Files.readString(dataDir.resolve("channel-demo-api-key")).strip();
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at)"
                + " VALUES ('other', '另一云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    otherKey = app.bean(ChannelAdministration.class).newApiKey("other");
    certificate = WebhookDeliveryTest.certificate(Instant.now());
    app.bean(ChannelSync.class)
        .certificateIssued(
            WebhookDeliveryTest.order("demo"),
            certificate,
            List.of(certificate),
            WebhookDeliveryTest.SEAL_PNG);
    Instant now = Instant.now();
    app.bean(ChannelOutbox.class)
        .record(
            new CertificateSync(
                "00000000-0000-4000-8000-0000000000b2",
                SyncEvent.CERTIFICATE_ISSUED,
                "other",
                "CH20270615OTHERORDER22",
                "另一家有限公司",
                "91110000100000000X",
                OTHER_SERIAL,
                "CN=test",
                "ECDSA",
                now,
                now.plusSeconds(86400),
                "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n",
                List.of(),
                new byte[] {1, 2, 3},
                null,
                null,
                now));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<byte[]> get(String path, String key, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)));
    if (key != null) {
      request.header("X-Api-Key", key);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String demoSerial() {
    return certificate.getSerialNumber().toString(16);
  }

  @Test
  void aMissingOrWrongKeyGets401AndNothingElse() throws Exception {
    HttpResponse<byte[]> missing = get("/api/channel/v1/certificates", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate"))
        .hasValue("ApiKey header=\"X-Api-Key\"");
    assertThat(json.readTree(missing.body()).get("message").asString()).contains("缺少 API 密钥");

    HttpResponse<byte[]> wrong = get("/api/channel/v1/certificates", "chk_not-a-key");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json.readTree(wrong.body()).get("message").asString()).isEqualTo("API 密钥无效。");
    HttpResponse<byte[]> english =
        get("/api/channel/v1/certificates", "nonsense", "Accept-Language", "en-US");
    assertThat(json.readTree(english.body()).get("message").asString())
        .isEqualTo("The API key is not valid.");
    assertThat(get("/api/channel/v1/certificates/" + demoSerial(), "").statusCode()).isEqualTo(401);
    assertThat(get("/api/channel/v1/certificates/" + demoSerial(), demoKey + "x").statusCode())
        .isEqualTo(401);
    assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).doesNotContain(demoSerial());
  }

  @Test
  void aChannelSeesItsOwnCertificatesOnly() throws Exception {
    HttpResponse<byte[]> list = get("/api/channel/v1/certificates", demoKey);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode items = json.readTree(list.body()).get("items");
    assertThat(items.size()).isEqualTo(1);
    assertThat(items.get(0).get("serial").asString()).isEqualTo(demoSerial());
    assertThat(items.get(0).get("status").asString()).isEqualTo("VALID");
    assertThat(items.get(0).get("lastEvent").asString()).isEqualTo("certificate.issued");

    assertThat(get("/api/channel/v1/certificates/" + OTHER_SERIAL, demoKey).statusCode())
        .isEqualTo(404);
    assertThat(
            get("/api/channel/v1/certificates/" + OTHER_SERIAL + "/seal.png", demoKey).statusCode())
        .isEqualTo(404);
    assertThat(get("/api/channel/v1/certificates/" + demoSerial(), otherKey).statusCode())
        .isEqualTo(404);
    JsonNode others = json.readTree(get("/api/channel/v1/certificates", otherKey).body());
    assertThat(others.get("items").size()).isEqualTo(1);
    assertThat(others.get("items").get(0).get("serial").asString()).isEqualTo(OTHER_SERIAL);
    assertThat(get("/api/channel/v1/certificates?creditCode=91350100M000100Y43", otherKey).body())
        .asString(StandardCharsets.UTF_8)
        .contains("\"items\":[]");
  }

  @Test
  void theCertificateComesWithChainAndSealAsTheWebhookCarriesIt() throws Exception {
    HttpResponse<byte[]> one = get("/api/channel/v1/certificates/" + demoSerial(), demoKey);
    assertThat(one.statusCode()).isEqualTo(200);
    SyncMessage message = SyncMessage.fromJson(one.body());
    assertThat(message.channelId()).isEqualTo("demo");
    assertThat(message.organization().name()).isEqualTo("福州测试科技有限公司");
    assertThat(message.certificate().pem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(message.chain()).hasSize(1);

    HttpResponse<byte[]> seal =
        get("/api/channel/v1/certificates/" + demoSerial().toUpperCase() + "/seal.png", demoKey);
    assertThat(seal.statusCode()).isEqualTo(200);
    assertThat(seal.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(seal.body()).isEqualTo(WebhookDeliveryTest.SEAL_PNG);

    HttpResponse<byte[]> bad = get("/api/channel/v1/certificates?creditCode=12", demoKey);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).get("message").asString()).contains("统一社会信用代码");
    assertThat(get("/api/channel/v1/certificates/not-hex", demoKey).statusCode()).isEqualTo(400);
  }

  /** Issue 16, point 1: a certificate past its notAfter is listed as EXPIRED, not VALID. */
  @Test
  void aCertificatePastItsEndIsListedAsExpired() throws Exception {
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at)"
                + " VALUES ('ended', '过期云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    String key = app.bean(ChannelAdministration.class).newApiKey("ended");
    Instant now = Instant.now();
    for (String serial : List.of("e1e1", "e2e2")) {
      Instant notAfter = serial.equals("e1e1") ? now.minusSeconds(60) : now.plusSeconds(86400);
      app.bean(ChannelOutbox.class)
          .record(
              new CertificateSync(
                  "00000000-0000-4000-8000-00000000" + serial,
                  SyncEvent.CERTIFICATE_ISSUED,
                  "ended",
                  "CH20250615ENDEDORDER" + serial.substring(0, 2),
                  "过期有限公司",
                  "91110000100000000X",
                  serial,
                  "CN=test",
                  "ECDSA",
                  notAfter.minusSeconds(365 * 86400L),
                  notAfter,
                  "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n",
                  List.of(),
                  new byte[] {1, 2, 3},
                  null,
                  null,
                  now.minusSeconds(120)));
    }
    JsonNode items = json.readTree(get("/api/channel/v1/certificates", key).body()).get("items");
    assertThat(items.size()).isEqualTo(2);
    for (JsonNode item : items) {
      assertThat(item.get("status").asString())
          .as(item.get("serial").asString())
          .isEqualTo(item.get("serial").asString().equals("e1e1") ? "EXPIRED" : "VALID");
    }
  }

  @Test
  void theApiIsStatelessAndOutsideCsrf() throws Exception {
    HttpResponse<byte[]> ok = get("/api/channel/v1/certificates", demoKey);
    assertThat(ok.headers().firstValue("Set-Cookie")).isEmpty();
    // a POST without a CSRF token reaches the API's own rules: 401 without a key, and with one
    // 405 (the API only reads), never the page side's 403 for a missing token
    HttpRequest.Builder post =
        HttpRequest.newBuilder(URI.create(app.url("/api/channel/v1/certificates")))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    assertThat(http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(401);
    assertThat(
            http.send(
                    post.header("X-Api-Key", demoKey).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(405);
    assertThat(ok.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void aNewKeyEndsTheOldOne() throws Exception {
    String first = app.bean(ChannelAdministration.class).newApiKey("other");
    assertThat(get("/api/channel/v1/certificates", first).statusCode()).isEqualTo(200);
    otherKey = app.bean(ChannelAdministration.class).newApiKey("other");
    assertThat(get("/api/channel/v1/certificates", first).statusCode()).isEqualTo(401);
    assertThat(get("/api/channel/v1/certificates", otherKey).statusCode()).isEqualTo(200);
  }

  @Test
  void theDemoKeyIsReadableByTheOwnerOnlyAndStoredAsAHash() throws Exception {
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("channel-demo-api-key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String stored =
        app.bean(JdbcClient.class)
            .sql("SELECT api_key_hash FROM channel WHERE id = 'demo'")
            .query(String.class)
            .single();
    assertThat(stored).hasSize(64).isNotEqualTo(demoKey).doesNotContain(demoKey.substring(4));
  }

  @Test
  void theDemoChannelsWebhookReachesTheSandboxChannelSigned() throws Exception {
    JsonNode received = null;
    for (int i = 0; i < 100 && received == null; i++) {
      for (JsonNode m : json.readTree(get("/sandbox/api/messages?to=demo", null).body())) {
        if (m.get("kind").asString().equals("WEBHOOK")) {
          received = m;
        }
      }
      Thread.sleep(100);
    }
    assertThat(received).as("a webhook within 10 s").isNotNull();
    assertThat(received.get("subject").asString()).isEqualTo("certificate.issued · 签名有效，已接收（204）");
    assertThat(received.get("body").asString()).contains(demoSerial(), "印章图片 有");

    HttpResponse<Void> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/sandbox/api/channel-webhook/demo")))
                .header("Content-Type", "application/json")
                .header("X-Certhall-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("X-Certhall-Signature", "v1=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentDescribesThePullApiAndItsKey() throws Exception {
    HttpResponse<byte[]> docs = get("/v3/api-docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode api = json.readTree(docs.body());
    assertThat(api.get("paths").propertyNames())
        .contains(
            "/api/channel/v1/certificates",
            "/api/channel/v1/certificates/{serial}",
            "/api/channel/v1/certificates/{serial}/seal.png")
        .allMatch(p -> p.startsWith("/api/channel/"));
    JsonNode scheme = api.get("components").get("securitySchemes").get("channelApiKey");
    assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
    assertThat(scheme.get("in").asString()).isEqualTo("header");
    assertThat(scheme.get("name").asString()).isEqualTo("X-Api-Key");
    assertThat(api.get("components").get("schemas").has("SyncMessage")).isTrue();
  }
}
