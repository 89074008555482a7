package cn.certhall.app.operations;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Every configured hierarchy's root and issuing CA is loaded, its certificate valid now. */
public final class CertificateAuthoritiesHealthIndicator implements HealthIndicator {
  private final CaRegistry cas;
  private final List<AlgorithmFamily> hierarchies;
  private final Clock clock;

  public CertificateAuthoritiesHealthIndicator(
      CaRegistry cas, List<AlgorithmFamily> hierarchies, Clock clock) {
    this.cas = cas;
    this.hierarchies = List.copyOf(hierarchies);
    this.clock = clock;
  }

  @Override
  public Health health() {
    List<String> loaded = cas.all().stream().map(CertificateAuthority::name).toList();
    List<String> missing = new ArrayList<>();
    for (AlgorithmFamily family : hierarchies) {
      String prefix = family.name().toLowerCase(Locale.ROOT);
      for (String name : List.of(prefix + "-root", prefix + "-issuing")) {
        if (!loaded.contains(name)) {
          missing.add(name);
        }
      }
    }
    Date now = Date.from(clock.instant());
    List<String> outOfValidity =
        cas.all().stream()
            .filter(ca -> !ca.certificate().isValidOn(now))
            .map(CertificateAuthority::name)
            .toList();
    Health.Builder health =
        missing.isEmpty() && outOfValidity.isEmpty() ? Health.up() : Health.down();
    health.withDetail("loaded", loaded);
    if (!missing.isEmpty()) {
      health.withDetail("missing", missing);
    }
    if (!outOfValidity.isEmpty()) {
      health.withDetail("outOfValidity", outOfValidity);
    }
    return health.build();
  }
}
