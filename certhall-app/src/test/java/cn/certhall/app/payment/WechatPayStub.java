package cn.certhall.app.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat Pay API v3 as a local WireMock stub that follows its documented scheme: the merchant signs
 * each request {@code WECHATPAY2-SHA256-RSA2048} (checked here by recomputing it with the test's
 * merchant key), every answer and notification carries Wechatpay-Serial (the 微信支付公钥ID), -Timestamp,
 * -Nonce and -Signature made with the test's WeChat Pay key over {@code timestamp\nnonce\nbody\n},
 * and a notification's resource is AEAD_AES_256_GCM under the APIv3 key.
 */
public final class WechatPayStub implements AutoCloseable {
  public static final String MCH_ID = "1900000109";
  public static final String APP_ID = "wxd678efh567hg6787";
  public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025010100000001";
  public static final String API_V3_KEY = "a7cde1ef5a7cde1ef5a7cde1ef5a7cde";
  private static final Pattern AUTH = Pattern.compile("WECHATPAY2-SHA256-RSA2048 (.*)");
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  public final WireMockServer server;
  public final KeyPair merchant;
  public final KeyPair platform;
  private final Path dir;

  public WechatPayStub(Path dir) {
    this.dir = dir;
    this.merchant = rsa();
    this.platform = rsa();
    write(dir.resolve("apiclient_key.pem"), "PRIVATE KEY", merchant.getPrivate().getEncoded());
    write(dir.resolve("pub_key.pem"), "PUBLIC KEY", platform.getPublic().getEncoded());
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  /** The app's settings for WeChat Pay against this stub. */
  public Map<String, String> settings(String notifyBase) {
    Map<String, String> s = new HashMap<>();
    s.put("certhall.payment.wechat.enabled", "true");
    s.put("certhall.payment.wechat.mch-id", MCH_ID);
    s.put("certhall.payment.wechat.app-id", APP_ID);
    s.put("certhall.payment.wechat.merchant-serial-number", MERCHANT_SERIAL);
    s.put("certhall.payment.wechat.private-key-path", dir.resolve("apiclient_key.pem").toString());
    s.put("certhall.payment.wechat.api-v3-key", API_V3_KEY);
    s.put("certhall.payment.wechat.public-key-id", PUBLIC_KEY_ID);
    s.put("certhall.payment.wechat.public-key-path", dir.resolve("pub_key.pem").toString());
    s.put("certhall.payment.wechat.notify-url", notifyBase + "/api/payment/wechat/notify");
    s.put(
        "certhall.payment.wechat.refund-notify-url",
        notifyBase + "/api/payment/wechat/refund-notify");
    s.put("certhall.payment.wechat.endpoint", "http://127.0.0.1:" + server.port());
    s.put("certhall.payment.wechat.read-timeout", "3s");
    s.put("certhall.payment.wechat.connect-timeout", "2s");
    return s;
  }

  public WechatPayProperties properties(String notifyBase) {
    Map<String, String> s = settings(notifyBase);
    return new WechatPayProperties(
        true,
        MCH_ID,
        APP_ID,
        MERCHANT_SERIAL,
        s.get("certhall.payment.wechat.private-key-path"),
        API_V3_KEY,
        PUBLIC_KEY_ID,
        s.get("certhall.payment.wechat.public-key-path"),
        s.get("certhall.payment.wechat.notify-url"),
        s.get("certhall.payment.wechat.refund-notify-url"),
        "http://127.0.0.1:" + server.port(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(3));
  }

  /** An answer signed with the WeChat Pay key, as WeChat Pay answers. */
  public ResponseDefinitionBuilder signed(int status, String body) {
    return signedWith(platform.getPrivate(), status, body);
  }

  public ResponseDefinitionBuilder signedWith(PrivateKey key, int status, String body) {
    Map<String, String> h = headers(key, body);
    ResponseDefinitionBuilder r =
        aResponse().withStatus(status).withHeader("Request-ID", UUID.randomUUID().toString());
    h.forEach(r::withHeader);
    if (!body.isEmpty()) {
      r.withHeader("Content-Type", "application/json").withBody(body);
    }
    return r;
  }

  /** Wechatpay-* headers signing {@code body} with {@code key}. */
  public static Map<String, String> headers(PrivateKey key, String body) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = UUID.randomUUID().toString().replace("-", "");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Wechatpay-Serial", PUBLIC_KEY_ID);
    h.put("Wechatpay-Timestamp", timestamp);
    h.put("Wechatpay-Nonce", nonce);
    h.put("Wechatpay-Signature", sign(key, timestamp + "\n" + nonce + "\n" + body + "\n"));
    h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    return h;
  }

  /** A JSON error answer as WeChat Pay gives it. */
  public ResponseDefinitionBuilder error(int status, String code, String message) {
    return signed(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  /**
   * Checks that the request carries the merchant's signature over method, path and query,
   * timestamp, nonce and body: recomputed with the merchant key (RSA PKCS#1 v1.5 is deterministic).
   */
  public void assertSignedByMerchant(LoggedRequest request) {
    String header = request.getHeader("Authorization");
    assertThat(header).as("Authorization").isNotNull();
    Matcher m = AUTH.matcher(header);
    assertThat(m.matches()).as(header).isTrue();
    Map<String, String> p = new HashMap<>();
    Matcher kv = PARAM.matcher(m.group(1));
    while (kv.find()) {
      p.put(kv.group(1), kv.group(2));
    }
    assertThat(p).containsEntry("mchid", MCH_ID).containsEntry("serial_no", MERCHANT_SERIAL);
    URI uri = URI.create(request.getUrl());
    String body = request.getBodyAsString() == null ? "" : request.getBodyAsString();
    String message =
        request.getMethod().getName()
            + "\n"
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            + "\n"
            + p.get("timestamp")
            + "\n"
            + p.get("nonce_str")
            + "\n"
            + body
            + "\n";
    assertThat(p.get("signature")).isEqualTo(sign(merchant.getPrivate(), message));
  }

  /**
   * A notification as WeChat Pay posts it: the resource encrypted with {@code apiV3Key}, the whole
   * body signed with {@code key}.
   *
   * @return headers and body
   */
  public static Notification notification(
      PrivateKey key, String apiV3Key, String eventType, String originalType, String resource) {
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String associated = originalType;
    String ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      ciphertext =
          Base64.getEncoder()
              .encodeToString(cipher.doFinal(resource.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String body =
        "{\"id\":\"EV-"
            + UUID.randomUUID()
            + "\",\"create_time\":\"2027-06-15T10:30:00+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\""
            + eventType
            + "\",\"summary\":\"通知\","
            + "\"resource\":{\"original_type\":\""
            + originalType
            + "\",\"algorithm\":\"AEAD_AES_256_GCM\","
            + "\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\""
            + associated
            + "\",\"nonce\":\""
            + nonce
            + "\"}}";
    return new Notification(headers(key, body), body);
  }

  public record Notification(Map<String, String> headers, String body) {}

  /** A transaction as WeChat Pay describes it (query answer, notification resource). */
  public static String transaction(
      String outTradeNo, String transactionId, String state, long totalFen) {
    return "{\"appid\":\""
        + APP_ID
        + "\",\"mchid\":\""
        + MCH_ID
        + "\",\"out_trade_no\":\""
        + outTradeNo
        + "\","
        + (transactionId == null ? "" : "\"transaction_id\":\"" + transactionId + "\",")
        + "\"trade_type\":\"NATIVE\",\"trade_state\":\""
        + state
        + "\",\"trade_state_desc\":\""
        + state
        + "\","
        + "\"bank_type\":\"OTHERS\",\"success_time\":\"2027-06-15T10:31:00+08:00\","
        + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
        + "\"amount\":{\"total\":"
        + totalFen
        + ",\"payer_total\":"
        + totalFen
        + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  }

  /** A refund as WeChat Pay describes it. */
  public static String refund(String outRefundNo, String outTradeNo, String status, long fen) {
    return "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\""
        + outRefundNo
        + "\","
        + "\"transaction_id\":\"4200000000000000000000000001\",\"out_trade_no\":\""
        + outTradeNo
        + "\","
        + "\"channel\":\"ORIGINAL\",\"user_received_account\":\"招商银行信用卡0403\","
        + "\"create_time\":\"2027-06-15T10:34:56+08:00\",\"status\":\""
        + status
        + "\","
        + "\"amount\":{\"total\":"
        + fen
        + ",\"refund\":"
        + fen
        + ",\"payer_total\":"
        + fen
        + ",\"payer_refund\":"
        + fen
        + ",\"settlement_refund\":"
        + fen
        + ",\"settlement_total\":"
        + fen
        + ",\"discount_refund\":0,\"currency\":\"CNY\"}}";
  }

  static String sign(PrivateKey key, String message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key that is not WeChat Pay's. */
  public static PrivateKey rsaKey() {
    return rsa().getPrivate();
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String type, byte[] der) {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    try {
      Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
