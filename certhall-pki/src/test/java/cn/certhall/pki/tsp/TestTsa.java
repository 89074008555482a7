package cn.certhall.pki.tsp;

import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A TSA certificate from a test hierarchy's issuing CA, and the authority signing with it. The
 * certificate is issued around the TSA's own clock, so a TSA with a fixed clock never stamps a time
 * outside its certificate; that clock must lie within the hierarchy's validity.
 */
public final class TestTsa {
  /** The TSA policy the tests use (a 2.25 UUID OID, as in configuration). */
  public static final String POLICY = "2.25.1141367363506427485480045563451192089";

  private TestTsa() {}

  public static TimeStampAuthority create(
      TestHierarchy hierarchy, SigningKeyStore keys, String alias, Clock clock) {
    PublicKey key = keys.generateKeyPair(alias, hierarchy.issuing().keyAlgorithm());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    IssuedCertificate cert =
        hierarchy
            .issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.TIME_STAMPING,
                    new Subject.Authority("certhall Test TSA", "certhall"),
                    key,
                    now.minus(1, ChronoUnit.DAYS),
                    now.plus(365, ChronoUnit.DAYS)));
    try {
      return new TimeStampAuthority(
          new TsaSigner(
              new X509CertificateHolder(cert.der()),
              List.of(hierarchy.issuing().certificate(), hierarchy.root().certificate()),
              keys,
              alias),
          POLICY,
          clock,
          new SerialNumberGenerator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TimeStampAuthority create(
      TestHierarchy hierarchy, SigningKeyStore keys, String alias) {
    return create(hierarchy, keys, alias, Clock.systemUTC());
  }
}
