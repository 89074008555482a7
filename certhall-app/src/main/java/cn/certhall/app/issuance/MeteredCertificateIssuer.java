package cn.certhall.app.issuance;

import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * {@code certhall.issuance}: every organization certificate the issuer is asked for, by CA and
 * outcome ({@code issued}, {@code failed}), with its latency (serial reserved, signed through the
 * key store, recorded) as a histogram.
 */
public final class MeteredCertificateIssuer implements HostedCertificateIssuer {
  private final HostedCertificateIssuer issuer;
  private final Timer issued;
  private final Timer failed;

  public MeteredCertificateIssuer(
      HostedCertificateIssuer issuer, String caName, MeterRegistry registry) {
    this.issuer = issuer;
    this.issued = timer(registry, caName, "issued");
    this.failed = timer(registry, caName, "failed");
  }

  private static Timer timer(MeterRegistry registry, String caName, String outcome) {
    return Timer.builder("certhall.issuance")
        .description("organization certificates issued (or failed), and how long the CA took")
        .tag("ca", caName)
        .tag("outcome", outcome)
        .serviceLevelObjectives(
            Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
                .map(Duration::ofMillis)
                .toArray(Duration[]::new))
        .register(registry);
  }

  @Override
  public String family() {
    return issuer.family();
  }

  @Override
  public void ensureHostedKey(String keyAlias) {
    issuer.ensureHostedKey(keyAlias);
  }

  @Override
  public CertificateRef issueOrganizationCertificate(
      String keyAlias, String organizationName, String creditCode, Validity validity) {
    long started = System.nanoTime();
    try {
      CertificateRef ref =
          issuer.issueOrganizationCertificate(keyAlias, organizationName, creditCode, validity);
      issued.record(Duration.ofNanos(System.nanoTime() - started));
      return ref;
    } catch (RuntimeException e) {
      failed.record(Duration.ofNanos(System.nanoTime() - started));
      throw e;
    }
  }

  @Override
  public CertificateChain certificate(CertificateRef certificate) {
    return issuer.certificate(certificate);
  }
}
