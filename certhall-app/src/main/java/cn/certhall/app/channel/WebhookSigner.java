package cn.certhall.app.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
}
