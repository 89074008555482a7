package cn.certhall.domain.review;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: who is deciding which order (审核锁定). One claim per order, kept by the database so that of
 * two reviewers claiming at once exactly one holds it. A claim lapses at its expiry, so an order a
 * reviewer walked away from returns to the queue.
 */
public interface ReviewClaims {

  /**
   * Gives the order to {@code reviewer} until {@code until}, unless another reviewer's claim has
   * not expired at {@code now}; the same reviewer's claim is extended.
   *
   * @return the claim that holds after the attempt: the reviewer's, or the other one
   */
  Claim claim(String orderId, String reviewer, Instant now, Instant until);

  Optional<Claim> find(String orderId);

  /** Ends the claim (after a decision). */
  void release(String orderId);

  record Claim(String orderId, String reviewer, Instant claimedAt, Instant expiresAt) {
    public boolean heldBy(String reviewer, Instant now) {
      return this.reviewer.equals(reviewer) && now.isBefore(expiresAt);
    }
  }
}
