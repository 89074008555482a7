package cn.certhall.pki.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.UnsupportedAlgorithmException;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests fail with a clear exception type and message, and leave nothing behind. */
class BadInputTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static InMemoryIssuanceLedger ledger;
  static TestHierarchy ecdsa;
  static PublicKey ecKey;
  static PublicKey rsaKey;
  static final Instant NOW = TestHierarchy.NOW;
  static final Subject.Organization ORG = new Subject.Organization("某某有限公司", "91350100M000100Y43");

  @BeforeAll
  static void setUp() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "bad-input".toCharArray(), true);
    ledger = new InMemoryIssuanceLedger();
    ecdsa = TestHierarchy.create(KeyAlgorithm.EC_P256, keys, ledger);
    ecKey = keys.generateKeyPair("ec-subject", KeyAlgorithm.EC_P256);
    rsaKey = keys.generateKeyPair("rsa-subject", KeyAlgorithm.RSA_2048);
  }

  @AfterAll
  static void tearDown() {
    keys.close();
  }

  /** Runs the call, expects the exception, and checks that no serial and no key appeared. */
  static void refused(ThrowingCallable call, Class<? extends Exception> type, String message)
      throws Exception {
    int reservations = ledger.reservations().size();
    int certificates = ledger.certificates().size();
    long keyFiles = keyFiles();
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(message);
    assertThat(ledger.reservations()).hasSize(reservations);
    assertThat(ledger.certificates()).hasSize(certificates);
    assertThat(keyFiles()).isEqualTo(keyFiles);
  }

  static long keyFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      return files.count();
    }
  }

  static IssuanceRequest request(Subject subject, Instant notBefore, Instant notAfter) {
    return new IssuanceRequest(
        CertificateProfile.ORGANIZATION, subject, ecKey, notBefore, notAfter);
  }

  @Test
  void malformedSubjectsAreRefused() throws Exception {
    refused(
        () -> new Subject.Organization("", "91350100M000100Y43"),
        InvalidRequestException.class,
        "must not be empty");
    refused(
        () -> new Subject.Organization("公".repeat(65), "91350100M000100Y43"),
        InvalidRequestException.class,
        "longer than 64");
    refused(
        () -> new Subject.Organization(" 某公司", "91350100M000100Y43"),
        InvalidRequestException.class,
        "spaces");
    refused(
        () -> new Subject.Organization("某\u0000公司", "91350100M000100Y43"),
        InvalidRequestException.class,
        "control");
    refused(
        () -> new Subject.Organization("某公司", "91350100M000100I43"),
        InvalidRequestException.class,
        "credit code");
    refused(
        () -> new Subject.Organization("某公司", "9135"),
        InvalidRequestException.class,
        "18 characters");
    refused(
        () -> new Subject.Person("张三", "IDC CN 1"), InvalidRequestException.class, "identifier");
    refused(() -> new Subject.Authority("CA", null), InvalidRequestException.class, "organization");
  }

  @Test
  void negativeEmptyAndFractionalValidityIsRefused() throws Exception {
    CertificateAuthority ca = ecdsa.issuing();
    refused(
        () -> ca.issue(request(ORG, NOW, NOW.minusSeconds(86400))),
        InvalidRequestException.class,
        "negative");
    refused(
        () -> ca.issue(request(ORG, NOW, NOW)), InvalidRequestException.class, "empty or negative");
    refused(
        () -> ca.issue(request(ORG, NOW.plusMillis(1), NOW.plusSeconds(10))),
        InvalidRequestException.class,
        "whole seconds");
    refused(() -> ca.issue(request(ORG, null, NOW)), InvalidRequestException.class, "required");
  }

  @Test
  void validityOutsideTheCaIsRefusedNotTruncated() throws Exception {
    CertificateAuthority ca = ecdsa.issuing();
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    refused(
        () -> ca.issue(request(ORG, NOW, caEnd.plusSeconds(1))),
        InvalidRequestException.class,
        "outside the validity of CA");
    refused(
        () -> ca.issue(request(ORG, NOW.minus(30, ChronoUnit.DAYS), NOW)),
        InvalidRequestException.class,
        "outside the validity");
    // the last second of the CA's own validity is still allowed
    assertThat(ca.issue(request(ORG, NOW, caEnd)).notAfter()).isEqualTo(caEnd);
  }

  @Test
  void wrongProfileSubjectOrFamilyIsRefused() throws Exception {
    CertificateAuthority issuing = ecdsa.issuing();
    CertificateAuthority root = ecdsa.root();
    Instant end = NOW.plus(30, ChronoUnit.DAYS);
    refused(
        () ->
            issuing.issue(
                new IssuanceRequest(
                    CertificateProfile.ORGANIZATION,
                    new Subject.Person("张三", "IDCCN-1"),
                    ecKey,
                    NOW,
                    end)),
        InvalidRequestException.class,
        "needs a subject of kind Organization");
    refused(
        () ->
            issuing.issue(
                new IssuanceRequest(
                    CertificateProfile.ISSUING_CA,
                    new Subject.Authority("Sub", "x"),
                    ecKey,
                    NOW,
                    end)),
        InvalidRequestException.class,
        "may not issue ISSUING_CA");
    refused(
        () -> root.issue(request(ORG, NOW, end)),
        InvalidRequestException.class,
        "may not issue ORGANIZATION");
    refused(
        () ->
            issuing.issue(
                new IssuanceRequest(CertificateProfile.ORGANIZATION, ORG, rsaKey, NOW, end)),
        InvalidRequestException.class,
        "signs the ECDSA family only");
    refused(
        () ->
            issuing.issue(
                new IssuanceRequest(CertificateProfile.ORGANIZATION, ORG, null, NOW, end)),
        InvalidRequestException.class,
        "public key");
  }

  @Test
  void unknownAlgorithmAndMissingKeyAreReported() throws Exception {
    refused(
        () -> KeyAlgorithm.parse("DSA"),
        UnsupportedAlgorithmException.class,
        "unknown key algorithm 'DSA'; known: SM2, EC_P256, RSA_2048, RSA_3072");
    assertThat(KeyAlgorithm.parse("ec-p256")).isEqualTo(KeyAlgorithm.EC_P256);
    refused(() -> keys.signer("no-such-key"), KeyNotFoundException.class, "no key 'no-such-key'");
    refused(
        () -> keys.generateKeyPair("bad alias!", KeyAlgorithm.EC_P256),
        InvalidRequestException.class,
        "key alias");
    refused(
        () -> keys.generateKeyPair("ec-subject", KeyAlgorithm.EC_P256),
        InvalidRequestException.class,
        "already used");
    refused(
        () -> new PublicationUrls("ftp://x/crl", null, "http://x/ca.crt", "2.25.1"),
        InvalidRequestException.class,
        "absolute http URL");
    refused(
        () -> new PublicationUrls("http://x/crl", null, "http://x/ca.crt", "not-an-oid"),
        InvalidRequestException.class,
        "not an OID");
  }

  @Test
  void subordinateRequestIsCheckedBeforeItsKeyIsMade() throws Exception {
    CertificateAuthority root = ecdsa.root();
    refused(
        () ->
            root.createSubordinate(
                "sub-bad",
                new Subject.Authority("Sub", "x"),
                NOW,
                NOW.minusSeconds(1),
                "sub-bad-key",
                TestHierarchy.urls("sub-bad", true)),
        InvalidRequestException.class,
        "negative");
    assertThat(keys.contains("sub-bad-key")).isFalse();
  }
}
