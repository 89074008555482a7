package cn.certhall.domain.verification;

import java.time.Instant;

/**
 * Port: what happened to codes, for the evidence trail — a code issued (not for an unusable one),
 * withdrawn because it could not be delivered, and every entry with its outcome. Never the code.
 * Called in the caller's transaction where there is one, so an entry is recorded with the step it
 * takes.
 */
public interface CodeEvents {

  /** Records nothing. */
  CodeEvents NONE = new CodeEvents() {};

  default void issued(CodeKey key, CodeChannel channel, Instant expiresAt) {}

  default void withdrawn(CodeKey key) {}

  default void entered(CodeKey key, CodeCheck check) {}
}
