package cn.certhall.app.revocation;

import cn.certhall.app.outbox.OutboxPoller;
import cn.certhall.app.persistence.RevocationListener;
import cn.certhall.app.persistence.RevocationNotices;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.pki.ocsp.OcspResponder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's cache of pre-signed OCSP responses in step with the revocations any node
 * records, so no node serves a cached "good" for a revoked certificate:
 *
 * <ul>
 *   <li>on PostgreSQL the revoking transaction sends a notice at commit ({@link RevocationNotices})
 *       and this node's {@link RevocationListener} drops the response at once;
 *   <li>{@link #catchUp} reads the revocations recorded since the last one seen (one indexed query)
 *       and drops theirs: every {@code poll} on every database, and whenever the listener is
 *       connected again, so a notice lost while it was away is not missed. Correctness never
 *       depends on the notice; it only makes the answer come sooner.
 * </ul>
 *
 * <p>The catch-up reads from {@code window} before the newest revocation seen, not from that
 * revocation itself: a row's {@code recorded_at} is taken when its transaction writes it and the
 * row is seen only at commit, so one written earlier may appear after a later one was read. Those
 * in the window already dropped are remembered and not dropped again (which would throw away their
 * fresh "revoked" responses every poll).
 */
public final class OcspCacheInvalidation implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OcspCacheInvalidation.class);

  private final RevocationRepository revocations;
  private final OcspResponder responder;
  private final Duration window;

  /** The newest {@code recorded_at} seen; the catch-up reads from {@code window} before it. */
  private Instant newest;

  /** Revocations recorded within the window of {@link #newest}, already dropped. */
  private final Map<RevocationNotices.Notice, Instant> dropped = new HashMap<>();

  private OutboxPoller poller;
  private RevocationListener listener;

  /** Starts from the database's time now: the cache is empty, nothing before matters. */
  public OcspCacheInvalidation(
      RevocationRepository revocations, OcspResponder responder, Duration window) {
    this.revocations = revocations;
    this.responder = responder;
    this.window = window;
    this.newest = revocations.databaseNow();
  }

  /** Polls every {@code interval} on a thread of its own. */
  public synchronized OcspCacheInvalidation poll(Duration interval) {
    if (poller == null) {
      poller = new OutboxPoller("ocsp-invalidation-poll", this::catchUp).start(interval);
    }
    return this;
  }

  /** Listens for revocation notices over a connection of its own (PostgreSQL). */
  public synchronized OcspCacheInvalidation listen(
      String url, String user, String password, Duration retry) {
    if (listener == null) {
      listener =
          new RevocationListener(
                  url,
                  user,
                  password,
                  retry,
                  new RevocationListener.Sink() {
                    @Override
                    public void listening() {
                      catchUp();
                    }

                    @Override
                    public void revoked(RevocationNotices.Notice notice) {
                      responder.invalidate(notice.caName(), notice.serial());
                    }
                  })
              .start();
    }
    return this;
  }

  /** The listener, when this node listens: for monitoring and tests. */
  public synchronized Optional<RevocationListener> listener() {
    return Optional.ofNullable(listener);
  }

  /**
   * Drops the cached responses of revocations recorded since the last catch-up.
   *
   * @return how many were dropped
   */
  public synchronized int catchUp() {
    int count = 0;
    for (RevocationRepository.Recorded r : revocations.recordedAfter(newest.minus(window))) {
      RevocationNotices.Notice key = new RevocationNotices.Notice(r.caName(), r.serial());
      if (dropped.putIfAbsent(key, r.recordedAt()) == null) {
        responder.invalidate(r.caName(), r.serial());
        count++;
      }
      if (r.recordedAt().isAfter(newest)) {
        newest = r.recordedAt();
      }
    }
    Instant from = newest.minus(window);
    dropped.values().removeIf(recordedAt -> !recordedAt.isAfter(from));
    if (count > 0) {
      log.debug("dropped the cached OCSP responses of {} revocations", count);
    }
    return count;
  }

  /** Stops listening and polling; the lock is not held meanwhile, since both may be catching up. */
  @Override
  public void close() {
    RevocationListener stopListening;
    OutboxPoller stopPolling;
    synchronized (this) {
      stopListening = listener;
      stopPolling = poller;
      listener = null;
      poller = null;
    }
    if (stopListening != null) {
      stopListening.close();
    }
    if (stopPolling != null) {
      stopPolling.close();
    }
  }
}
