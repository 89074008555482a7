package cn.certhall.bench;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A root and an issuing CA of one algorithm in a fresh software key store (in a temporary
 * directory), built the way the application builds them, plus a ready organization request.
 */
final class BenchHierarchy implements AutoCloseable {
  static final String BASE = "http://pki.bench.example";
  static final String POLICY = "2.25.311434733426211718311211812239453126601";

  final KeyAlgorithm algorithm;
  final Path dir;
  final SoftwareKeyStore keys;
  final CertificateAuthority root;
  final CertificateAuthority issuing;

  /** An organization certificate request the issuing CA accepts; the same one every time. */
  final IssuanceRequest request;

  BenchHierarchy(KeyAlgorithm algorithm, IssuanceLedger ledger) {
    this.algorithm = algorithm;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String prefix = algorithm.name().toLowerCase().replace('_', '-');
    try {
      dir = Files.createTempDirectory("certhall-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "bench-passphrase".toCharArray(), true);
    SerialNumberGenerator serials = new SerialNumberGenerator();
    root =
        CertificateAuthority.createRoot(
            prefix + "-root",
            new Subject.Authority("certhall Bench Root " + algorithm, "certhall"),
            algorithm,
            now.minus(1, ChronoUnit.DAYS),
            now.plus(3650, ChronoUnit.DAYS),
            keys,
            prefix + "-root-key",
            urls(prefix + "-root", false),
            ledger,
            serials);
    issuing =
        root.createSubordinate(
            prefix + "-issuing",
            new Subject.Authority("certhall Bench 单位证书 CA " + algorithm, "certhall"),
            now.minus(1, ChronoUnit.DAYS),
            now.plus(1825, ChronoUnit.DAYS),
            prefix + "-issuing-key",
            urls(prefix + "-issuing", true));
    request =
        new IssuanceRequest(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("北京基准测试科技有限公司", "91110108MA01ABCD2X"),
            subjectKey(algorithm),
            now,
            now.plus(365, ChronoUnit.DAYS));
  }

  static PublicationUrls urls(String ca, boolean ocsp) {
    return new PublicationUrls(
        BASE + "/crl/" + ca + ".crl",
        ocsp ? BASE + "/ocsp" : null,
        BASE + "/ca/" + ca + ".crt",
        POLICY);
  }

  private static PublicKey subjectKey(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g =
          KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
      g.initialize(algorithm.parameters());
      return g.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DER of the to-be-signed part of a certificate, i.e. exactly what the CA key signs. */
  static byte[] tbs(IssuedCertificate certificate) {
    try {
      return new X509CertificateHolder(certificate.der())
          .toASN1Structure()
          .getTBSCertificate()
          .getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    keys.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
