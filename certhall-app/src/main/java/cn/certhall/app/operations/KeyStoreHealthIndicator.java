package cn.certhall.app.operations;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The key store answers: every loaded CA's key makes a test signature (an HSM whose session died or
 * a token that was pulled fails here, not at the next approval). Details name the CAs only.
 */
public final class KeyStoreHealthIndicator implements HealthIndicator {
  private static final byte[] PROBE =
      "certhall key store health check".getBytes(StandardCharsets.US_ASCII);

  private final SigningKeyStore keys;
  private final CaRegistry cas;

  public KeyStoreHealthIndicator(SigningKeyStore keys, CaRegistry cas) {
    this.keys = keys;
    this.cas = cas;
  }

  @Override
  public Health health() {
    List<String> signed = new ArrayList<>();
    for (CertificateAuthority ca : cas.all()) {
      try {
        ContentSigner signer = keys.signer(ca.keyAlias());
        try (OutputStream out = signer.getOutputStream()) {
          out.write(PROBE);
        }
        if (signer.getSignature().length == 0) {
          throw new IllegalStateException("empty signature");
        }
        signed.add(ca.name());
      } catch (Exception e) {
        // the exception's class only: a provider's message may name slots, paths or more
        return Health.down()
            .withDetail("signed", signed)
            .withDetail("failed", ca.name())
            .withDetail("error", e.getClass().getSimpleName())
            .build();
      }
    }
    return Health.up().withDetail("signed", signed).build();
  }
}
