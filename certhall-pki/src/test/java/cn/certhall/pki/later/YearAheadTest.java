package cn.certhall.pki.later;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.tsp.TestTsa;
import cn.certhall.pki.tsp.TimeStampAuthority;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's date-sensitive paths with a clock 400 days ahead of the real time: what a test suite
 * run a year after it was written meets. A test helper that issues its certificates at the real
 * time while the component it serves runs on its own clock (the time-stamp tests of 2026-11-27,
 * which failed on 2026-12-06) fails here on any day. The whole suite's sweep under {@code faketime}
 * is a manual check (docs/decisions.md, "Test clocks").
 */
class YearAheadTest {
  static final Duration AHEAD = Duration.ofDays(400);
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static TestHierarchy ecdsa;

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
    ecdsa = TestHierarchy.create(KeyAlgorithm.EC_P256, keys);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  @Test
  void aTimeStampAuthorityAYearAheadStampsWithinItsCertificate() throws Exception {
    Clock later = Clock.offset(Clock.systemUTC(), AHEAD);
    TimeStampAuthority tsa = TestTsa.create(ecdsa, keys, "tsa-year-ahead", later);
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("一年后盖的章".getBytes(StandardCharsets.UTF_8));

    TimeStampToken token = tsa.timestamp(NISTObjectIdentifiers.id_sha256, digest);

    // Bouncy Castle refuses a token made outside its signer's validity
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.signer().certificate()));
    Instant stamped = token.getTimeStampInfo().getGenTime().toInstant();
    assertThat(Duration.between(Instant.now().plus(AHEAD), stamped).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aCertificateIssuedAYearAheadValidatesThenWithTheJdk() throws Exception {
    Instant later = Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS);
    PublicKey key = keys.generateKeyPair("org-year-ahead", KeyAlgorithm.EC_P256);
    IssuedCertificate leaf =
        ecdsa
            .issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.ORGANIZATION,
                    new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43"),
                    key,
                    later.minus(1, ChronoUnit.HOURS),
                    later.plus(365, ChronoUnit.DAYS)));

    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    X509Certificate root = read(cf, ecdsa.root().certificateDer());
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(later));
    params.setInitialPolicies(Set.of(TestHierarchy.POLICY));
    params.setExplicitPolicyRequired(true);
    var path =
        cf.generateCertPath(
            List.of(read(cf, leaf.der()), read(cf, ecdsa.issuing().certificateDer())));

    assertThat(CertPathValidator.getInstance("PKIX").validate(path, params)).isNotNull();
  }

  private static X509Certificate read(CertificateFactory cf, byte[] der) throws Exception {
    return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
  }
}
