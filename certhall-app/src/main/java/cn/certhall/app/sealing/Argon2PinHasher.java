package cn.certhall.app.sealing;

import cn.certhall.domain.sealing.PinHasher;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Seal PINs hashed with Argon2id (Spring Security's encoder on Bouncy Castle: 16-byte salt, 16 MiB,
 * 2 passes). Memory-hard, so that trying the million six-digit PINs against a copied hash costs
 * hours per administrator instead of a moment.
 */
public final class Argon2PinHasher implements PinHasher {
  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

  @Override
  public String hash(String pin) {
    return encoder.encode(pin);
  }

  @Override
  public boolean matches(String pin, String hash) {
    return encoder.matches(pin, hash);
  }
}
