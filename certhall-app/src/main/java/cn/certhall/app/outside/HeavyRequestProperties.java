package cn.certhall.app.outside;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POST endpoints that parse a PDF or an image ({@code certhall.heavy-requests}): how many run
 * at once on this node, and how often one client address may call those anyone may call without
 * signing in. Both are per node: they protect this process's heap and CPU, which also serve OCSP,
 * CRLs and the TSA.
 *
 * @param maxConcurrent how many requests to {@code concurrentPaths} this node works on at once
 * @param queueWait how long a request waits for a free place before it is answered 429
 * @param concurrentPaths the request paths (Ant patterns, POST) sharing the places
 * @param perClientPerMinute how many requests to {@code rateLimitedPaths} one address may make a
 *     minute
 * @param rateLimitedPaths the anonymous ones among them (Ant patterns, POST); materials and the
 *     seal app's QR photo need a session that proved an order or a mobile
 */
@ConfigurationProperties("certhall.heavy-requests")
public record HeavyRequestProperties(
    @DefaultValue("2") int maxConcurrent,
    @DefaultValue("2s") Duration queueWait,
    // an upload's path ends in its kind (BUSINESS_LICENSE …); /materials/complete parses nothing
    @DefaultValue({
          "/verify",
          "/api/verify",
          "/apply/*/materials/{kind:[A-Z][A-Z_]*}",
          "/seal-app/scan"
        })
        List<String> concurrentPaths,
    @DefaultValue("20") int perClientPerMinute,
    @DefaultValue({"/verify", "/api/verify"}) List<String> rateLimitedPaths) {

  public HeavyRequestProperties {
    if (maxConcurrent < 1 || perClientPerMinute < 1) {
      throw new IllegalArgumentException(
          "certhall.heavy-requests.max-concurrent and per-client-per-minute must be at least 1");
    }
  }
}
