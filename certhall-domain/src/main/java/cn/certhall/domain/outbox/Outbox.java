package cn.certhall.domain.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Port: a transactional outbox, what waits to go out (an SMS, an email, a webhook), written in the
 * transaction of what it tells of and kept until it has gone or is given up.
 *
 * <p>{@link #claimDue} leases what it returns: an item claimed by one node is not due for any other
 * until {@code leaseUntil}, so two nodes on one database never send it twice, and an item whose
 * node died mid-attempt is tried again once the lease runs out.
 *
 * @param <T> what an item carries
 */
public interface Outbox<T> {

  /**
   * Claims up to {@code limit} items due at {@code now} (not sent, not given up, next attempt at or
   * before {@code now}), oldest due first, each leased to the caller until {@code leaseUntil}. An
   * item another caller claimed meanwhile is left out.
   */
  List<Item<T>> claimDue(Instant now, Instant leaseUntil, int limit);

  /** The item went out: it is never sent again (unless an administrator replays it). */
  void delivered(long id, Instant at);

  /** The attempt failed: the next is not before {@code retryAt}. */
  void failed(long id, int failures, Instant retryAt, String problem);

  /** The item failed too often and waits for a person (the dead letters): no more attempts. */
  void givenUp(long id, int failures, Instant at, String problem);

  /**
   * A claimed item.
   *
   * @param failures failed attempts in a row so far (0 for a new item, and again after a replay)
   */
  record Item<T>(long id, T payload, int failures) {}
}
