package cn.certhall.domain.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes from {@link Limit}s per subject (an address, a user name, a mobile, an ID number). The
 * subject is stored as a SHA-256 of limit and subject only: the counters say how often, not who. A
 * take is counted before the guarded thing happens (a password compared, a text message sent), so
 * parallel requests can never get more between them than the cap allows.
 */
public final class RateLimiter {
  private final LimitCounters counters;
  private final Clock clock;

  public RateLimiter(LimitCounters counters, Clock clock) {
    this.counters = Objects.requireNonNull(counters, "counters");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One take from a limit's window, to give back if what it allowed did not happen. */
  public record Permit(String limit, String subjectKey, Instant windowStart) {}

  /** Takes one from the subject's current window. @return empty when the cap is reached */
  public Optional<Permit> take(Limit limit, String subject) {
    Limit.Window window = limit.windowAt(clock.instant());
    String key = key(limit, subject);
    return counters.take(limit.name(), key, window.start(), window.end(), limit.cap())
        ? Optional.of(new Permit(limit.name(), key, window.start()))
        : Optional.empty();
  }

  public void giveBack(Permit permit) {
    counters.giveBack(permit.limit(), permit.subjectKey(), permit.windowStart());
  }

  /** Whether the subject's current window has reached the cap. */
  public boolean exhausted(Limit limit, String subject) {
    Limit.Window window = limit.windowAt(clock.instant());
    return counters.used(limit.name(), key(limit, subject), window.start()) >= limit.cap();
  }

  /** Whole seconds until the current window of the limit ends (for Retry-After). */
  public long secondsUntilNextWindow(Limit limit) {
    Instant now = clock.instant();
    long millis = limit.windowAt(now).end().toEpochMilli() - now.toEpochMilli();
    return (millis + 999) / 1000;
  }

  /** Forgets the subject's counts under the limit, the current window's included. */
  public void clear(Limit limit, String subject) {
    counters.clear(limit.name(), key(limit, subject));
  }

  /** Deletes the counters of windows that have ended. @return how many */
  public int purgeEnded() {
    return counters.purgeEndedBefore(clock.instant());
  }

  private static String key(Limit limit, String subject) {
    Objects.requireNonNull(subject, "subject");
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(limit.name().getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return HexFormat.of().formatHex(sha256.digest(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
