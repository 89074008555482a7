package cn.certhall.domain.sealing;

/**
 * Port: the slow, salted hash of seal PINs. Six digits are a million possibilities, so the hash
 * must make each guess expensive for someone holding a copy of the database (the app uses
 * Argon2id); online guessing is stopped by {@link PinGuard}'s lock.
 */
public interface PinHasher {

  /** A new salted hash of the PIN, self-describing (algorithm and parameters included). */
  String hash(String pin);

  boolean matches(String pin, String hash);
}
