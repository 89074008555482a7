package cn.certhall.domain.verification;

import java.time.Instant;
import java.util.Objects;

/**
 * A code as the {@link CodeStore} keeps it: never the code, only its keyed hash.
 *
 * @param salt random per code, hex: it salts the hash and tells this code from any other of the
 *     same key, so a change based on a stale read never touches a newer code
 * @param hash HMAC-SHA256 of the code under the server's secret, hex
 * @param issuedAt when it was issued; the resend cooldown counts from here
 * @param expiresAt the last instant at which it is accepted
 * @param wrongTries wrong entries so far
 */
public record StoredCode(
    CodeKey key,
    CodeChannel channel,
    String salt,
    String hash,
    Instant issuedAt,
    Instant expiresAt,
    int wrongTries) {

  public StoredCode {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (wrongTries < 0) {
      throw new IllegalArgumentException("wrong tries must not be negative");
    }
  }

  StoredCode withWrongTry() {
    return new StoredCode(key, channel, salt, hash, issuedAt, expiresAt, wrongTries + 1);
  }

  /** Whether {@code other} is this same code (same key and salt) in the same state. */
  public boolean sameAs(StoredCode other) {
    return other != null
        && key.equals(other.key)
        && salt.equals(other.salt)
        && wrongTries == other.wrongTries;
  }

  @Override
  public String toString() {
    return "StoredCode["
        + key
        + ", "
        + channel
        + ", issued "
        + issuedAt
        + ", expires "
        + expiresAt
        + ", wrong tries "
        + wrongTries
        + "]";
  }
}
