package cn.certhall.domain.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a code under a server secret that is never stored with the hashes. A plain or slow
 * hash would not do: a million possible codes are tried in seconds against a leaked hash, however
 * slow the hash. Without the secret a leaked row says nothing about its code.
 */
final class CodeHasher {
  static final int MIN_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;

  CodeHasher(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the code secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The hash binds the code to its key and salt: a hash copied to another row matches nothing. */
  String hash(CodeKey codeKey, String salt, String code) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      String input =
          codeKey.purpose().name() + '\n' + codeKey.subject() + '\n' + salt + '\n' + code;
      return HEX.formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  boolean matches(StoredCode stored, String code) {
    byte[] expected = stored.hash().getBytes(StandardCharsets.US_ASCII);
    byte[] actual = hash(stored.key(), stored.salt(), code).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }
}
