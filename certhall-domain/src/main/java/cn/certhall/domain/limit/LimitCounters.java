package cn.certhall.domain.limit;

import java.time.Instant;

/**
 * Where the counts of the {@link RateLimiter} are kept: one counter per limit, subject and window.
 * Each take is atomic on its own, across threads and nodes: of any number of concurrent takes
 * against a counter with {@code n} left, exactly {@code n} succeed.
 */
public interface LimitCounters {

  /**
   * Adds one to the counter unless it has reached {@code cap}; creates it (at one) when it does not
   * exist yet. @return whether one was added
   */
  boolean take(String limit, String subject, Instant windowStart, Instant windowEnd, int cap);

  /** Takes one back from the counter (a take that led to nothing); never below zero. */
  void giveBack(String limit, String subject, Instant windowStart);

  /** The counter's value; 0 when there is none. */
  int used(String limit, String subject, Instant windowStart);

  /** Forgets every counter of the subject under the limit (an administrator's unlock). */
  void clear(String limit, String subject);

  /** Deletes the counters of windows that ended at or before {@code before}. @return how many */
  int purgeEndedBefore(Instant before);
}
