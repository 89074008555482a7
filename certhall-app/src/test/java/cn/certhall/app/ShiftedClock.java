package cn.certhall.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved on by as much as the test says, safe to read from the app's threads: for a
 * whole running app ({@link RunningApp#start(TestDatabases.Target, java.nio.file.Path,
 * java.util.Map, Clock)}), so that everything it does, certificates included, is on one time, which
 * keeps running like a real clock and jumps ahead when the test lets days pass.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  /** Days pass: the app's time jumps ahead by {@code duration}. */
  public void advance(Duration duration) {
    shift = shift.plus(duration);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
