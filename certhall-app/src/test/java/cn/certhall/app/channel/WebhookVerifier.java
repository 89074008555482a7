package cn.certhall.app.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of a webhook, as docs/channels.md shows channels how to write it (keep the
 * two the same). Deliberately independent of {@link WebhookSigner}: it is what a channel writes
 * from the documentation alone.
 */
public final class WebhookVerifier {
  private final byte[] secret;
  private final Duration tolerance;
  private final Clock clock;

  public WebhookVerifier(byte[] secret, Duration tolerance, Clock clock) {
    this.secret = secret.clone();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * Whether the request is a fresh webhook from certhall.
   *
   * @param timestamp the X-Certhall-Timestamp header
   * @param signature the X-Certhall-Signature header
   * @param body the request body, the bytes as received (not re-encoded JSON)
   */
  public boolean verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
      return false;
    }
    long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
    if (Math.abs(age) > tolerance.toSeconds()) {
      return false; // stale (a replay) or from a badly wrong clock
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
      // constant time: the comparison takes as long wherever the first difference is
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
