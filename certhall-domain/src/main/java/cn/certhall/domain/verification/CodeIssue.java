package cn.certhall.domain.verification;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a request for a code: a new code, or how long to wait before one may be issued. The
 * code itself is for the message that delivers it; {@link #toString()} never shows it.
 */
public final class CodeIssue {

  public enum Status {
    /** A new code was stored, replacing any earlier one of the key; now deliver it. */
    ISSUED,
    /**
     * The key's last code is younger than the resend cooldown; wait {@link #retryAfterSeconds()}.
     */
    COOLDOWN
  }

  private final Status status;
  private final StoredCode stored;
  private final AuthorizationCode code;
  private final long retryAfterSeconds;

  private CodeIssue(
      Status status, StoredCode stored, AuthorizationCode code, long retryAfterSeconds) {
    this.status = status;
    this.stored = stored;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static CodeIssue issued(StoredCode stored, AuthorizationCode code) {
    return new CodeIssue(
        Status.ISSUED, Objects.requireNonNull(stored), Objects.requireNonNull(code), 0);
  }

  static CodeIssue cooldown(long retryAfterSeconds) {
    return new CodeIssue(Status.COOLDOWN, null, null, retryAfterSeconds);
  }

  public Status status() {
    return status;
  }

  public boolean isIssued() {
    return status == Status.ISSUED;
  }

  /**
   * @throws IllegalStateException unless {@link Status#ISSUED}
   */
  public AuthorizationCode code() {
    requireIssued();
    return code;
  }

  /** The last instant at which the code is accepted. @throws IllegalStateException unless issued */
  public Instant expiresAt() {
    requireIssued();
    return stored.expiresAt();
  }

  public CodeChannel channel() {
    requireIssued();
    return stored.channel();
  }

  /** Whole seconds until a new code may be issued (rounded up); 0 when issued. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  StoredCode stored() {
    requireIssued();
    return stored;
  }

  private void requireIssued() {
    if (status != Status.ISSUED) {
      throw new IllegalStateException("no code was issued: " + status);
    }
  }

  @Override
  public String toString() {
    return status == Status.ISSUED
        ? "CodeIssue[ISSUED, " + stored.channel() + ", expires " + stored.expiresAt() + "]"
        : "CodeIssue[COOLDOWN, retry after " + retryAfterSeconds + " s]";
  }
}
