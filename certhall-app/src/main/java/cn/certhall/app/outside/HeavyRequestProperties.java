package cn.certhall.app.outside;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POST endpoints anyone can call that parse a PDF or an image ({@code
 * certhall.heavy-requests}): how many run at once on this node, and how often one client address
 * may call them. Both are per node: they protect this process's heap and CPU, which also serve
 * OCSP, CRLs and the TSA.
 *
 * @param maxConcurrent how many such requests this node works on at once
 * @param queueWait how long a request waits for a free place before it is answered 429
 * @param perClientPerMinute how many such requests one client address may make per minute
 * @param paths the request paths (Ant patterns) this applies to, POST only
 */
@ConfigurationProperties("certhall.heavy-requests")
public record HeavyRequestProperties(
    @DefaultValue("2") int maxConcurrent,
    @DefaultValue("2s") Duration queueWait,
    @DefaultValue("20") int perClientPerMinute,
    @DefaultValue({"/verify", "/api/verify", "/apply/*/materials/*", "/seal-app/scan"})
        List<String> paths) {

  public HeavyRequestProperties {
    if (maxConcurrent < 1 || perClientPerMinute < 1) {
      throw new IllegalArgumentException(
          "certhall.heavy-requests.max-concurrent and per-client-per-minute must be at least 1");
    }
  }
}
