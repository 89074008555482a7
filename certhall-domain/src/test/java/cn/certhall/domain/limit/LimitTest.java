package cn.certhall.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LimitTest {

  @Test
  void a_daily_window_is_the_calendar_day_in_china() {
    Limit daily = new Limit("sms-mobile", 10, Duration.ofDays(1));

    // 2026-12-06 23:30 in Beijing is 15:30 UTC
    assertThat(daily.windowAt(Instant.parse("2026-12-06T15:30:00Z")))
        .isEqualTo(
            new Limit.Window(
                Instant.parse("2026-12-05T16:00:00Z"), Instant.parse("2026-12-06T16:00:00Z")));
    assertThat(daily.windowAt(Instant.parse("2026-12-06T16:00:00Z")).start())
        .isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
  }

  @Test
  void a_quarter_hour_window_starts_on_the_quarter() {
    assertThat(
            new Limit("login", 5, Duration.ofMinutes(15))
                .windowAt(Instant.parse("2026-12-06T15:44:59.999Z")))
        .isEqualTo(
            new Limit.Window(
                Instant.parse("2026-12-06T15:30:00Z"), Instant.parse("2026-12-06T15:45:00Z")));
  }

  @Test
  void refuses_windows_that_do_not_divide_a_day_and_caps_below_one() {
    assertThatThrownBy(() -> new Limit("x", 1, Duration.ofMinutes(7)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limit("x", 1, Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limit("x", 0, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_limiter_takes_up_to_the_cap_gives_back_and_clears() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC);
    RateLimiter limiter = new RateLimiter(new InMemoryLimitCounters(), clock);
    Limit two = new Limit("two", 2, Duration.ofHours(1));

    RateLimiter.Permit first = limiter.take(two, "192.0.2.1").orElseThrow();
    assertThat(limiter.take(two, "192.0.2.1")).isPresent();
    assertThat(limiter.take(two, "192.0.2.1")).isEmpty();
    assertThat(limiter.take(two, "192.0.2.2")).isPresent();
    assertThat(limiter.exhausted(two, "192.0.2.1")).isTrue();
    assertThat(first.subjectKey()).hasSize(64).doesNotContain("192");

    limiter.giveBack(first);
    assertThat(limiter.exhausted(two, "192.0.2.1")).isFalse();
    limiter.take(two, "192.0.2.1");
    limiter.clear(two, "192.0.2.1");
    assertThat(limiter.take(two, "192.0.2.1")).isPresent();
    assertThat(limiter.secondsUntilNextWindow(two)).isEqualTo(3600);
  }
}
