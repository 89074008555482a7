package cn.certhall.domain.limit;

import cn.certhall.domain.verification.SmsCaps;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link LimitCounters} in a map, for tests of the domain. */
public final class InMemoryLimitCounters implements LimitCounters {
  private record Key(String limit, String subject, Instant windowStart) {}

  private final Map<Key, Integer> used = new HashMap<>();
  private final Map<Key, Instant> ends = new HashMap<>();

  /** Caps too high for a test to meet, on fresh counters. */
  public static SmsCaps generousSmsCaps(Clock clock) {
    return new SmsCaps(
        new RateLimiter(new InMemoryLimitCounters(), clock), 1000, 1000, 1000, Optional::empty);
  }

  @Override
  public synchronized boolean take(
      String limit, String subject, Instant windowStart, Instant windowEnd, int cap) {
    Key key = new Key(limit, subject, windowStart);
    int now = used.getOrDefault(key, 0);
    if (now >= cap) {
      return false;
    }
    used.put(key, now + 1);
    ends.put(key, windowEnd);
    return true;
  }

  @Override
  public synchronized void giveBack(String limit, String subject, Instant windowStart) {
    used.computeIfPresent(new Key(limit, subject, windowStart), (k, n) -> Math.max(0, n - 1));
  }

  @Override
  public synchronized int used(String limit, String subject, Instant windowStart) {
    return used.getOrDefault(new Key(limit, subject, windowStart), 0);
  }

  @Override
  public synchronized void clear(String limit, String subject) {
    used.keySet().removeIf(k -> k.limit().equals(limit) && k.subject().equals(subject));
  }

  @Override
  public synchronized int purgeEndedBefore(Instant before) {
    int before0 = used.size();
    used.keySet().removeIf(k -> !ends.get(k).isAfter(before));
    return before0 - used.size();
  }
}
