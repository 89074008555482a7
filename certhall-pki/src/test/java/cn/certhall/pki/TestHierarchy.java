package cn.certhall.pki;

import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.InMemoryIssuanceLedger;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A root and an issuing CA of one algorithm, as the tests need them. */
public record TestHierarchy(CertificateAuthority root, CertificateAuthority issuing) {
  public static final String BASE = "http://pki.test.example";
  public static final String POLICY = "2.25.311434733426211718311211812239453126601";
  public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  public static PublicationUrls urls(String ca, boolean ocsp) {
    return new PublicationUrls(
        BASE + "/crl/" + ca + ".crl",
        ocsp ? BASE + "/ocsp" : null,
        BASE + "/ca/" + ca + ".crt",
        POLICY);
  }

  public static TestHierarchy create(
      KeyAlgorithm algorithm, SigningKeyStore keys, IssuanceLedger ledger) {
    String prefix = algorithm.name().toLowerCase().replace('_', '-');
    SerialNumberGenerator serials = new SerialNumberGenerator();
    CertificateAuthority root =
        CertificateAuthority.createRoot(
            prefix + "-root",
            new Subject.Authority("certhall Test Root " + algorithm, "certhall"),
            algorithm,
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(3650, ChronoUnit.DAYS),
            keys,
            prefix + "-root-key",
            urls(prefix + "-root", false),
            ledger,
            serials);
    CertificateAuthority issuing =
        root.createSubordinate(
            prefix + "-issuing",
            new Subject.Authority("certhall Test 单位证书 CA " + algorithm, "certhall"),
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(1825, ChronoUnit.DAYS),
            prefix + "-issuing-key",
            urls(prefix + "-issuing", true));
    return new TestHierarchy(root, issuing);
  }

  public static TestHierarchy create(KeyAlgorithm algorithm, SigningKeyStore keys) {
    return create(algorithm, keys, new InMemoryIssuanceLedger());
  }
}
