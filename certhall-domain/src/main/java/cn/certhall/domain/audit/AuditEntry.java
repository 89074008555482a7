package cn.certhall.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored entry of the chain, as read back.
 *
 * @param sequence 1, 2, 3, … without gaps
 * @param at when it was recorded, in milliseconds (what both databases keep exactly)
 * @param action an {@link AuditAction} name; kept as text so old entries verify whatever the code
 * @param previousHash the hash of entry {@code sequence − 1}; {@link AuditChain#GENESIS} for the
 *     first
 * @param hash {@link AuditChain#hash} of this entry
 */
public record AuditEntry(
    long sequence,
    Instant at,
    String actor,
    String action,
    String subject,
    String details,
    String previousHash,
    String hash) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** The entry that follows {@code previousHash}, with its hash computed. */
  public static AuditEntry next(long sequence, Instant at, AuditEvent event, String previousHash) {
    String hash =
        AuditChain.hash(
            previousHash,
            sequence,
            at,
            event.actor().id(),
            event.action().name(),
            event.subject(),
            event.details());
    return new AuditEntry(
        sequence,
        at,
        event.actor().id(),
        event.action().name(),
        event.subject(),
        event.details(),
        previousHash,
        hash);
  }

  /** This entry's hash computed again from its fields and {@link #previousHash()}. */
  public String recomputedHash() {
    return AuditChain.hash(previousHash, sequence, at, actor, action, subject, details);
  }
}
