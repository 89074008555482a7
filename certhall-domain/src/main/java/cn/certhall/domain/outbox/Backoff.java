package cn.certhall.domain.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The pause before the next attempt after failures in a row: {@code first} after the first, doubled
 * after each further one, never more than {@code max}. A provider down for hours delays what waits
 * for it, loses nothing, and is not hammered.
 */
public record Backoff(Duration first, Duration max) {

  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first pause must be positive: " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "the longest pause " + max + " is shorter than the first " + first);
    }
  }

  /** The pause after {@code failures} (at least 1) failed attempts in a row. */
  public Duration after(int failures) {
    Duration pause = first;
    for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(max) > 0 ? max : pause;
  }
}
