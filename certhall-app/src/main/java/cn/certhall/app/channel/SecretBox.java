package cn.certhall.app.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the channels' webhook secrets for the database with AES-256-GCM. They cannot be hashed
 * like API keys: signing a webhook needs the secret itself. The channel id is authenticated data,
 * so a ciphertext copied to another channel's row does not decrypt.
 */
public final class SecretBox {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random;

  public SecretBox(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the channel secret key must have 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  /** IV (12 bytes) followed by ciphertext and tag. */
  public byte[] encrypt(String channelId, byte[] secret) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * @throws IllegalStateException if the ciphertext was made under another key or for another
   *     channel, or was changed
   */
  public byte[] decrypt(String channelId, byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(Arrays.copyOfRange(sealed, IV_BYTES, sealed.length));
    } catch (GeneralSecurityException e) {
      // no cause: it would say nothing useful, and the message must not carry key material
      throw new IllegalStateException(
          "the webhook secret of channel "
              + channelId
              + " does not decrypt with"
              + " certhall.channel.secret-key (changed key?); give the channel a new secret");
    }
  }
}
