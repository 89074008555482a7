package cn.certhall.app.operations;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.OperationsFigures;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.ocsp.OcspResponder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of certhall (docs/operations.md "Metrics"): the OCSP responder's cache, each outbox's
 * lag and given-up items, each CA's CRL age, the review queue. Database figures come from {@link
 * CachedFigures}; a gauge whose figures cannot be read shows NaN rather than failing the scrape.
 */
public final class CerthallMetrics implements MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(CerthallMetrics.class);

  private final CachedFigures figures;
  private final OcspResponder responder;
  private final CaRegistry cas;

  public CerthallMetrics(CachedFigures figures, OcspResponder responder, CaRegistry cas) {
    this.figures = figures;
    this.responder = responder;
    this.cas = cas;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("certhall.ocsp.cache.hits", responder, r -> r.cacheStatistics().hits())
        .description("OCSP answers served pre-signed from the responder's cache")
        .register(registry);
    FunctionCounter.builder(
            "certhall.ocsp.cache.misses", responder, r -> r.cacheStatistics().misses())
        .description(
            "OCSP cache lookups that signed an answer on the spot (or found no certificate)")
        .register(registry);
    Gauge.builder("certhall.ocsp.cache.hit.ratio", responder, CerthallMetrics::hitRatio)
        .description("hits / (hits + misses) of the OCSP cache since start")
        .register(registry);
    Gauge.builder("certhall.ocsp.cache.size", responder, OcspResponder::cachedResponses)
        .description("pre-signed OCSP answers held")
        .register(registry);
    for (String outbox : List.of(OperationsFigures.NOTIFICATIONS, OperationsFigures.WEBHOOKS)) {
      gauge(
          registry,
          "certhall.outbox.lag",
          "how long the outbox's oldest due item has been due (0: none)",
          "outbox",
          outbox,
          f ->
              OutboxHealthIndicator.lag(f.database().outboxes().get(outbox), f.database().at())
                      .toMillis()
                  / 1000.0);
      gauge(
          registry,
          "certhall.outbox.given.up",
          "items given up after too many failures, waiting for a replay (dead letters)",
          "outbox",
          outbox,
          f -> f.database().outboxes().get(outbox).givenUp());
    }
    for (CertificateAuthority ca : cas.all()) {
      String name = ca.name();
      gauge(
          registry,
          "certhall.crl.age",
          "time since the thisUpdate of the CA's latest CRL (NaN: none yet)",
          "ca",
          name,
          f -> {
            Instant latest = f.database().latestCrls().get(name);
            return latest == null
                ? Double.NaN
                : Duration.between(latest, f.database().at()).toMillis() / 1000.0;
          });
    }
    Gauge.builder("certhall.review.queue.waiting", figures, quietly(f -> f.reviewQueue().waiting()))
        .description("orders waiting for review (等待审核)")
        .register(registry);
    Gauge.builder("certhall.review.queue.overdue", figures, quietly(f -> f.reviewQueue().overdue()))
        .description("orders waiting for review past their 3-working-day deadline")
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String tag,
      String value,
      ToDoubleFunction<CachedFigures.Figures> read) {
    Gauge.builder(name, figures, quietly(read))
        .description(description)
        .tag(tag, value)
        .baseUnit(name.endsWith("lag") || name.endsWith("age") ? "seconds" : null)
        .register(registry);
  }

  private static ToDoubleFunction<CachedFigures> quietly(
      ToDoubleFunction<CachedFigures.Figures> read) {
    return cached -> {
      try {
        return read.applyAsDouble(cached.current());
      } catch (RuntimeException e) {
        log.debug("figures for the gauges not read: {}", e.toString());
        return Double.NaN;
      }
    };
  }

  private static double hitRatio(OcspResponder responder) {
    OcspResponder.CacheStatistics stats = responder.cacheStatistics();
    long lookups = stats.hits() + stats.misses();
    return lookups == 0 ? Double.NaN : (double) stats.hits() / lookups;
  }
}
