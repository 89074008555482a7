package cn.certhall.app.operations;

import cn.certhall.app.web.OcspServlet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code certhall.ocsp.requests}: every OCSP request by outcome, with its latency as a histogram
 * (Prometheus: {@code certhall_ocsp_requests_seconds_bucket}, fourteen buckets from 50 µs to 10 s).
 */
public final class OcspMetrics implements OcspServlet.Observer {
  static final String NAME = "certhall.ocsp.requests";

  /**
   * Buckets of the latency histogram: a cached answer takes tens of microseconds, a signature
   * milliseconds.
   */
  private static final Duration[] BUCKETS =
      Stream.of(
              50_000L,
              100_000L,
              250_000L,
              500_000L,
              1_000_000L,
              2_500_000L,
              5_000_000L,
              10_000_000L,
              25_000_000L,
              50_000_000L,
              100_000_000L,
              250_000_000L,
              1_000_000_000L,
              10_000_000_000L)
          .map(Duration::ofNanos)
          .toArray(Duration[]::new);

  private final MeterRegistry registry;
  // made on first use, so outcomes that never happen add no series
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public OcspMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private Timer timer(String outcome) {
    return Timer.builder(NAME)
        .description("OCSP requests answered, by outcome, and how long each took")
        .tag("outcome", outcome)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  @Override
  public void answered(String outcome, long nanos) {
    timers.computeIfAbsent(outcome, this::timer).record(nanos, TimeUnit.NANOSECONDS);
  }
}
