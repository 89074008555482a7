package cn.certhall.app.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A test merchant and a test "Alipay", each with an RSA key pair, and Alipay's signature scheme
 * (RSA2: SHA256withRSA, base64) as its open platform documents it: a request's signing string is
 * every parameter but {@code sign}, sorted by name, {@code k=v} joined by {@code &}; an answer's
 * signature covers the exact text of its {@code *_response} object; a notification's covers its
 * fields but {@code sign} and {@code sign_type}, sorted the same way.
 */
public final class AlipayFixture {
  public static final String APP_ID = "2021000000000001";

  final KeyPair merchant = rsa();
  final KeyPair alipay = rsa();
  final Path merchantPrivateKey;
  final Path alipayPublicKey;

  public AlipayFixture(Path dir) {
    try {
      merchantPrivateKey =
          Files.writeString(
              dir.resolve("app-private-key.txt"),
              Base64.getEncoder().encodeToString(merchant.getPrivate().getEncoded()));
      // the console shows Alipay's key as base64; PEM lines are accepted as well
      alipayPublicKey =
          Files.writeString(
              dir.resolve("alipay-public-key.pem"),
              "-----BEGIN PUBLIC KEY-----\n"
                  + Base64.getMimeEncoder().encodeToString(alipay.getPublic().getEncoded())
                  + "\n-----END PUBLIC KEY-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** {@code certhall.payment.alipay.*} for the gateway at {@code gatewayUrl}. */
  public Map<String, String> settings(String gatewayUrl) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("certhall.payment.alipay.enabled", "true");
    p.put("certhall.payment.alipay.app-id", APP_ID);
    p.put("certhall.payment.alipay.merchant-private-key-file", merchantPrivateKey.toString());
    p.put("certhall.payment.alipay.alipay-public-key-file", alipayPublicKey.toString());
    p.put("certhall.payment.alipay.gateway-url", gatewayUrl);
    return p;
  }

  AlipayProperties properties(String gatewayUrl, Duration readTimeout) {
    Map<String, String> p = settings(gatewayUrl);
    p.put("certhall.payment.alipay.read-timeout", readTimeout.toMillis() + "ms");
    p.put("certhall.payment.alipay.connect-timeout", "2s");
    return new Binder(new MapConfigurationPropertySource(p))
        .bind("certhall.payment.alipay", AlipayProperties.class)
        .get();
  }

  /** Alipay's answer to {@code method}: {"<method>_response": response, "sign": ...}. */
  String answer(String method, String response) {
    return answer(method, response, alipay.getPrivate());
  }

  static String answer(String method, String response, PrivateKey signer) {
    return "{\""
        + method.replace('.', '_')
        + "_response\":"
        + response
        + ",\"sign\":\""
        + sign(response, signer)
        + "\"}";
  }

  /** A notification as Alipay posts it, with sign_type and sign. */
  Map<String, String> signedNotification(Map<String, String> fields) {
    return signedNotification(fields, alipay.getPrivate());
  }

  static Map<String, String> signedNotification(Map<String, String> fields, PrivateKey signer) {
    Map<String, String> n = new TreeMap<>(fields);
    n.put("sign", sign(signingString(n, "sign", "sign_type"), signer));
    n.put("sign_type", "RSA2");
    return n;
  }

  /** A request's parameters: the query string's and the form body's, decoded. */
  static Map<String, String> params(LoggedRequest r) {
    Map<String, String> p = new TreeMap<>(query(r.getUrl()));
    String type = r.getHeader("Content-Type");
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      p.putAll(query("?" + r.getBodyAsString()));
    }
    return p;
  }

  public static Map<String, String> query(String url) {
    Map<String, String> p = new TreeMap<>();
    int q = url.indexOf('?');
    if (q < 0 || q == url.length() - 1) {
      return p;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      p.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return p;
  }

  /**
   * The request's {@code sign} verifies, with the merchant's public key, over its signing string.
   */
  public void assertSignedByMerchant(Map<String, String> params) {
    assertThat(params)
        .containsEntry("sign_type", "RSA2")
        .containsEntry("app_id", APP_ID)
        .containsKey("sign");
    assertThat(verify(signingString(params, "sign"), params.get("sign"), merchant.getPublic()))
        .as("the request's RSA2 signature verifies with the merchant's public key")
        .isTrue();
  }

  static String signingString(Map<String, String> params, String... without) {
    Map<String, String> sorted = new TreeMap<>(params);
    for (String name : without) {
      sorted.remove(name);
    }
    return sorted.entrySet().stream()
        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  static String sign(String content, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(content.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean verify(String content, String signature, PublicKey key) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(content.getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
