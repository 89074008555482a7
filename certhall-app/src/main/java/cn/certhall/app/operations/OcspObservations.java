package cn.certhall.app.operations;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the generic per-request observations off {@code /ocsp}: the answers are counted and timed
 * by {@link OcspMetrics} ({@code certhall.ocsp.requests}), and the generic ones (the {@code
 * http.server.requests} timer with its long-task timer, and Spring Security's observation of the
 * requests it ignores, which are only {@code /ocsp}) cost as much CPU as a cached answer itself
 * (docs/benchmarks.md, "OCSP on two nodes behind HAProxy").
 */
public final class OcspObservations implements ObservationPredicate {
  /** Spring Security's observation of a request its chain ignores. */
  static final String UNSECURED_REQUESTS = "spring.security.http.unsecured.requests";

  @Override
  public boolean test(String name, Observation.Context context) {
    if (UNSECURED_REQUESTS.equals(name)) {
      return false;
    }
    if (context instanceof ServerRequestObservationContext server && server.getCarrier() != null) {
      String uri = server.getCarrier().getRequestURI();
      return !(uri.equals("/ocsp") || uri.startsWith("/ocsp/"));
    }
    return true;
  }
}
