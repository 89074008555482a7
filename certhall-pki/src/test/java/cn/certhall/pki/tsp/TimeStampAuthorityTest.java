package cn.certhall.pki.tsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TSA against requests made by openssl ts and by Bouncy Castle, its tokens verified by openssl
 * ts -verify and by Bouncy Castle; its refusals of bad requests.
 */
class TimeStampAuthorityTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static final Map<KeyAlgorithm, TestHierarchy> hierarchies = new EnumMap<>(KeyAlgorithm.class);
  static final Map<KeyAlgorithm, TimeStampAuthority> tsas = new EnumMap<>(KeyAlgorithm.class);

  /**
   * The TSA's fixed clock: an hour after the test hierarchy was made (which is at the real time),
   * so the TSA certificate, issued around this instant, is valid both when the tokens say they were
   * made and when openssl checks them. A fixed calendar date here would age out of the
   * certificates.
   */
  static final Instant FIXED = TestHierarchy.NOW.plus(1, ChronoUnit.HOURS).plusMillis(678);

  /** The time as {@code openssl ts -reply -text} prints it ("Nov 7 03:04:05 2026 GMT"). */
  static final DateTimeFormatter OPENSSL_TIME =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  static synchronized TimeStampAuthority tsa(KeyAlgorithm algorithm) {
    return tsas.computeIfAbsent(
        algorithm,
        a -> {
          TestHierarchy h = TestHierarchy.create(a, keys);
          hierarchies.put(a, h);
          return TestTsa.create(
              h, keys, a.name().toLowerCase() + "-tsa", Clock.fixed(FIXED, ZoneOffset.UTC));
        });
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"EC_P256", "RSA_2048"})
  void opensslVerifiesTheReplyToItsOwnQuery(KeyAlgorithm algorithm) throws Exception {
    ExternalTool.require("openssl");
    TimeStampAuthority tsa = tsa(algorithm);
    TestHierarchy h = hierarchies.get(algorithm);
    Path data = Files.writeString(dir.resolve("data-" + algorithm + ".txt"), "盖章的文件 " + algorithm);
    Path query = dir.resolve("query-" + algorithm + ".tsq");
    Path reply = dir.resolve("reply-" + algorithm + ".tsr");
    ExternalTool.Result made =
        ExternalTool.run(
            "openssl",
            "ts",
            "-query",
            "-data",
            data.toString(),
            "-sha256",
            "-cert",
            "-out",
            query.toString());
    assertThat(made.exitCode()).as(made.output()).isZero();

    Files.write(reply, tsa.respond(Files.readAllBytes(query)));

    Path root = PemFiles.write(dir, "root-" + algorithm + ".pem", h.root().certificateDer());
    ExternalTool.Result verified =
        ExternalTool.run(
            "openssl",
            "ts",
            "-verify",
            "-data",
            data.toString(),
            "-in",
            reply.toString(),
            "-CAfile",
            root.toString());
    assertThat(verified.output()).contains("Verification: OK");
    assertThat(verified.exitCode()).isZero();

    ExternalTool.Result text =
        ExternalTool.run("openssl", "ts", "-reply", "-in", reply.toString(), "-text");
    assertThat(text.output())
        .contains("Status: Granted")
        .contains("Policy OID: " + TestTsa.POLICY)
        .contains("Accuracy: 0x01 seconds")
        .contains("Ordering: no")
        .contains("Nonce: 0x")
        .contains("Time stamp: " + OPENSSL_TIME.format(FIXED));

    // a token over other data does not verify
    Path other = Files.writeString(dir.resolve("other-" + algorithm + ".txt"), "其他文件");
    ExternalTool.Result wrong =
        ExternalTool.run(
            "openssl",
            "ts",
            "-verify",
            "-data",
            other.toString(),
            "-in",
            reply.toString(),
            "-CAfile",
            root.toString());
    assertThat(wrong.output()).doesNotContain("Verification: OK");
    assertThat(wrong.exitCode()).isNotZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"SM2", "EC_P256", "RSA_2048"})
  void tokensVerifyWithTheTsaCertificate(KeyAlgorithm algorithm) throws Exception {
    TimeStampAuthority tsa = tsa(algorithm);
    boolean sm2 = algorithm == KeyAlgorithm.SM2;
    var hash = sm2 ? GMObjectIdentifiers.sm3 : NISTObjectIdentifiers.id_sha256;
    byte[] digest =
        MessageDigest.getInstance(sm2 ? "SM3" : "SHA-256", Providers.bouncyCastle())
            .digest("signature value".getBytes(StandardCharsets.UTF_8));

    TimeStampToken token = tsa.timestamp(hash, digest);

    X509CertificateHolder tsaCert = tsa.signer().certificate();
    token.validate(
        new JcaSimpleSignerInfoVerifierBuilder()
            .setProvider(Providers.bouncyCastle())
            .build(tsaCert));
    assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
    assertThat(token.getTimeStampInfo().getGenTime().toInstant())
        .isEqualTo(FIXED.truncatedTo(ChronoUnit.SECONDS));
    assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(TestTsa.POLICY);
    assertThat(token.getCertificates().getMatches(null)).hasSize(3);
    // a token is not valid for another TSA's certificate
    X509CertificateHolder otherCert = hierarchies.get(algorithm).issuing().certificate();
    assertThatThrownBy(
            () ->
                token.validate(
                    new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(Providers.bouncyCastle())
                        .build(otherCert)))
        .isInstanceOf(Exception.class);
  }

  @Test
  void theTsaCertificateHasOnlyTheCriticalTimeStampingUsage() {
    X509CertificateHolder cert = tsa(KeyAlgorithm.EC_P256).signer().certificate();
    Extension eku = cert.getExtension(Extension.extendedKeyUsage);
    assertThat(eku.isCritical()).isTrue();
    assertThat(
            org.bouncycastle.asn1.x509.ExtendedKeyUsage.getInstance(eku.getParsedValue())
                .getUsages())
        .containsExactly(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_timeStamping);
  }

  @Test
  void sha1RequestsAreRefusedAsBadAlgorithm() throws Exception {
    TimeStampAuthority tsa = tsa(KeyAlgorithm.EC_P256);
    byte[] request =
        new TimeStampRequestGenerator()
            .generate(OIWObjectIdentifiers.idSHA1, new byte[20], BigInteger.ONE)
            .getEncoded();

    TimeStampResponse response = new TimeStampResponse(tsa.respond(request));

    assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
    assertThat(response.getTimeStampToken()).isNull();
    assertThatThrownBy(() -> tsa.timestamp(OIWObjectIdentifiers.idSHA1, new byte[20]))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anotherPolicyIsRefused() throws Exception {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"));
    byte[] request = generator.generate(NISTObjectIdentifiers.id_sha256, new byte[32]).getEncoded();

    TimeStampResponse response = new TimeStampResponse(tsa(KeyAlgorithm.EC_P256).respond(request));

    assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);
  }

  @Test
  void garbageAndOversizedRequestsGetBadDataFormat() throws Exception {
    TimeStampAuthority tsa = tsa(KeyAlgorithm.EC_P256);
    for (byte[] bad :
        List.of(new byte[0], "not a request".getBytes(StandardCharsets.US_ASCII), new byte[5000])) {
      TimeStampResponse response = new TimeStampResponse(tsa.respond(bad));
      assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
      assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }
    assertThatThrownBy(() -> tsa.timestamp(NISTObjectIdentifiers.id_sha256, new byte[20]))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aCertificateWithoutTheTimeStampingUsageCannotSign() throws Exception {
    TimeStampAuthority tsa = tsa(KeyAlgorithm.EC_P256);
    TestHierarchy h = hierarchies.get(KeyAlgorithm.EC_P256);
    var key = keys.publicKey("ec_p256-tsa");
    IssuedCertificate organization =
        h.issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.ORGANIZATION,
                    new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43"),
                    key,
                    TestHierarchy.NOW,
                    TestHierarchy.NOW.plus(10, ChronoUnit.DAYS)));
    assertThatThrownBy(
            () ->
                new TsaSigner(
                    new X509CertificateHolder(organization.der()), List.of(), keys, "ec_p256-tsa"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("id-kp-timeStamping");
    // nor the TSA certificate with another key
    assertThatThrownBy(
            () ->
                new TsaSigner(tsa.signer().certificate(), List.of(), keys, h.issuing().keyAlias()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("does not match");
  }
}
