package cn.certhall.domain.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * At most {@code cap} times per {@code window}. Windows are fixed and aligned to midnight China
 * time, so a one-day window is the calendar day (每日) people expect a daily cap to mean, and a
 * 15-minute window starts at :00, :15, :30 and :45. Fixed windows, unlike sliding ones, need one
 * counter row per subject and window and one conditional UPDATE per take.
 *
 * @param name names the counter in storage; never changes for a given limit
 * @param cap how many takes a window allows, at least 1
 * @param window a whole number of milliseconds that divides a day (15m, 1h, 1d, …)
 */
public record Limit(String name, int cap, Duration window) {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  public Limit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(window, "window");
    if (cap < 1) {
      throw new IllegalArgumentException(name + ": a cap must allow at least one: " + cap);
    }
    long millis = window.toMillis();
    if (millis < 1
        || millis > DAY_MILLIS
        || DAY_MILLIS % millis != 0
        || !window.equals(Duration.ofMillis(millis))) {
      throw new IllegalArgumentException(name + ": the window must divide a day: " + window);
    }
  }

  /** The window {@code at} falls in. */
  public Window windowAt(Instant at) {
    Instant midnight = at.atZone(CHINA).toLocalDate().atStartOfDay(CHINA).toInstant();
    long millis = window.toMillis();
    Instant start =
        midnight.plusMillis((at.toEpochMilli() - midnight.toEpochMilli()) / millis * millis);
    return new Window(start, start.plus(window));
  }

  /** A window: from {@code start} included to {@code end} excluded. */
  public record Window(Instant start, Instant end) {}
}
