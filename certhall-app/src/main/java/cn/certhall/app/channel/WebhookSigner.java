package cn.certhall.app.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature (docs/channels.md): {@code v1=} and the lower-case hex HMAC-SHA256, under
 * the channel's shared secret, of the timestamp (Unix seconds, decimal ASCII), a full stop and the
 * body's bytes. The timestamp is signed so that a receiver can refuse an old request replayed by
 * someone who recorded it.
 */
public final class WebhookSigner {
  public static final String TIMESTAMP_HEADER = "X-Certhall-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Certhall-Signature";
  public static final String EVENT_HEADER = "X-Certhall-Event";
  public static final String EVENT_ID_HEADER = "X-Certhall-Event-Id";
  public static final String VERSION = "v1=";

  private WebhookSigner() {}

  public static String sign(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * The receiver's check of docs/channels.md, for the sandbox channel: a well-formed timestamp at
   * most {@code tolerance} from {@code now} either way, and the signature compared in constant
   * time.
   */
  public static boolean isValid(
      byte[] secret,
      String timestamp,
      String signature,
      byte[] body,
      Instant now,
      Duration tolerance) {
    if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
      return false;
    }
    long seconds = Long.parseLong(timestamp);
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
