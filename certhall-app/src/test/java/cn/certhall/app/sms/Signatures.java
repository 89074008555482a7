package cn.certhall.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The providers' signature schemes, computed again from the request the stub received, as the
 * providers document them: Alibaba Cloud's V3 ({@code ACS3-HMAC-SHA256}) and Tencent Cloud's {@code
 * TC3-HMAC-SHA256}. A request passes only if the header's signature is the one computed here with
 * the secret, so the SDK really signed what was sent.
 */
public final class Signatures {
  private static final Pattern ACS3 =
      Pattern.compile(
          "ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})");

  private Signatures() {}

  /**
   * Alibaba Cloud V3: canonical request of method, path, sorted query, signed headers, body hash.
   */
  static void assertAcs3(LoggedRequest r, String keyId, String secret) throws Exception {
    Matcher m = ACS3.matcher(r.getHeader("Authorization"));
    assertThat(m.matches()).as("Authorization %s", r.getHeader("Authorization")).isTrue();
    assertThat(m.group(1)).isEqualTo(keyId);
    String bodyHash = hex(sha256(r.getBody()));
    assertThat(r.getHeader("x-acs-content-sha256")).isEqualTo(bodyHash);
    String signedHeaders = m.group(2);
    assertThat(signedHeaders.split(";")).contains("host", "x-acs-action", "x-acs-date");
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      headers.append(name).append(':').append(r.getHeader(name).strip()).append('\n');
    }
    String path =
        r.getUrl().contains("?") ? r.getUrl().substring(0, r.getUrl().indexOf('?')) : r.getUrl();
    String canonical =
        r.getMethod().getName()
            + "\n"
            + path
            + "\n"
            + canonicalQuery(r.getUrl())
            + "\n"
            + headers
            + "\n"
            + signedHeaders
            + "\n"
            + bodyHash;
    String toSign = "ACS3-HMAC-SHA256\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(m.group(3))
        .as("ACS3 signature")
        .isEqualTo(hex(hmac(secret.getBytes(StandardCharsets.UTF_8), toSign)));
  }

  /** Tencent Cloud TC3: canonical request, then a key derived from the date, service and secret. */
  static void assertTc3(LoggedRequest r, String secretId, String secretKey) throws Exception {
    assertTc3(r, "sms", secretId, secretKey);
  }

  /**
   * @param service the service signed for: the endpoint's first label (sms, faceid)
   */
  public static void assertTc3(LoggedRequest r, String service, String secretId, String secretKey)
      throws Exception {
    Matcher m =
        Pattern.compile(
                "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/"
                    + service
                    + "/tc3_request,"
                    + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})")
            .matcher(r.getHeader("Authorization"));
    assertThat(m.matches()).as("Authorization %s", r.getHeader("Authorization")).isTrue();
    assertThat(m.group(1)).isEqualTo(secretId);
    String timestamp = r.getHeader("X-TC-Timestamp");
    String date =
        DateTimeFormatter.ISO_LOCAL_DATE.format(
            Instant.ofEpochSecond(Long.parseLong(timestamp)).atOffset(ZoneOffset.UTC));
    assertThat(m.group(2)).isEqualTo(date);
    String signedHeaders = m.group(3);
    assertThat(signedHeaders.split(";")).contains("content-type", "host");
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      headers
          .append(name)
          .append(':')
          .append(r.getHeader(name).strip().toLowerCase(Locale.ROOT))
          .append('\n');
    }
    String path =
        r.getUrl().contains("?") ? r.getUrl().substring(0, r.getUrl().indexOf('?')) : r.getUrl();
    String query =
        r.getUrl().contains("?") ? r.getUrl().substring(r.getUrl().indexOf('?') + 1) : "";
    String canonical =
        r.getMethod().getName()
            + "\n"
            + path
            + "\n"
            + query
            + "\n"
            + headers
            + "\n"
            + signedHeaders
            + "\n"
            + hex(sha256(r.getBody()));
    String toSign =
        "TC3-HMAC-SHA256\n"
            + timestamp
            + "\n"
            + date
            + "/"
            + service
            + "/tc3_request\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, service);
    key = hmac(key, "tc3_request");
    assertThat(m.group(4)).as("TC3 signature").isEqualTo(hex(hmac(key, toSign)));
  }

  /** The query's parameters, decoded. */
  public static TreeMap<String, String> query(String url) {
    TreeMap<String, String> params = new TreeMap<>();
    if (!url.contains("?")) {
      return params;
    }
    for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  private static String canonicalQuery(String url) {
    List<String> pairs = new ArrayList<>();
    query(url).forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
    return String.join("&", pairs);
  }

  /** RFC 3986, as Alibaba Cloud asks: space %20, * %2A, ~ kept. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
