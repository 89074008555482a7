package cn.certhall.pki.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every profile in every algorithm, checked the way relying parties check: openssl verify and
 * openssl x509 -text, the PKIX CertPathValidator, and the extensions one by one.
 */
class IssuanceTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static final Map<KeyAlgorithm, TestHierarchy> hierarchies = new EnumMap<>(KeyAlgorithm.class);

  static final Subject.Organization ORG =
      new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43");
  static final Subject.Person PERSON = new Subject.Person("张三", "IDCCN-11010519491231002X");
  static final Subject.Authority OCSP = new Subject.Authority("certhall OCSP Signer", "certhall");
  static final Subject.Authority SEAL_MAKER_SUBJECT =
      new Subject.Authority("certhall 电子印章制章者", "certhall");

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys.p12"), "test-passphrase".toCharArray(), true);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  static TestHierarchy hierarchy(KeyAlgorithm algorithm) {
    return hierarchies.computeIfAbsent(algorithm, a -> TestHierarchy.create(a, keys));
  }

  static Subject subjectFor(CertificateProfile profile) {
    return switch (profile) {
      case ORGANIZATION -> ORG;
      case PERSONAL -> PERSON;
      case SEAL_MAKER -> SEAL_MAKER_SUBJECT;
      default -> OCSP;
    };
  }

  static IssuedCertificate issue(KeyAlgorithm algorithm, CertificateProfile profile) {
    TestHierarchy h = hierarchy(algorithm);
    String alias = "ee-" + algorithm.name().toLowerCase() + "-" + profile.name().toLowerCase();
    PublicKey key =
        keys.contains(alias) ? keys.publicKey(alias) : keys.generateKeyPair(alias, algorithm);
    Instant notBefore = TestHierarchy.NOW;
    Instant notAfter = notBefore.plus(365, ChronoUnit.DAYS);
    return h.issuing()
        .issue(new IssuanceRequest(profile, subjectFor(profile), key, notBefore, notAfter));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslVerifiesEveryEndEntityProfile(KeyAlgorithm algorithm) throws Exception {
    ExternalTool.require("openssl");
    TestHierarchy h = hierarchy(algorithm);
    Path root = PemFiles.write(dir, algorithm + "-root.pem", h.root().certificateDer());
    Path issuing = PemFiles.write(dir, algorithm + "-issuing.pem", h.issuing().certificateDer());
    for (CertificateProfile profile :
        List.of(
            CertificateProfile.OCSP_SIGNER,
            CertificateProfile.SEAL_MAKER,
            CertificateProfile.ORGANIZATION,
            CertificateProfile.PERSONAL)) {
      IssuedCertificate cert = issue(algorithm, profile);
      Path leaf = PemFiles.write(dir, algorithm + "-" + profile + ".pem", cert.der());
      ExternalTool.Result verify = ExternalTool.run(opensslVerify(algorithm, root, issuing, leaf));
      assertThat(verify.output()).as(profile + " " + algorithm).contains(leaf + ": OK");
      assertThat(verify.exitCode()).isZero();
    }
    ExternalTool.Result issuingCheck =
        ExternalTool.run(opensslVerifyIssuing(algorithm, root, issuing));
    assertThat(issuingCheck.output()).contains(issuing + ": OK");
    assertThat(issuingCheck.exitCode()).isZero();
  }

  /**
   * Arguments of {@code openssl verify} for a leaf under the issuing CA. OpenSSL 3.0 checks SM2
   * signatures with an empty signer ID unless given {@code -vfyopt distid:…}, and applies that
   * option to the target certificate only; GM/T 0009 fixes the ID at 1234567812345678, which is
   * what the engine signs with. So for SM2 each link is checked on its own: the issuing CA against
   * the root (see the test below), and the leaf against the issuing CA as a partial chain.
   */
  static String[] opensslVerify(KeyAlgorithm algorithm, Path root, Path issuing, Path leaf) {
    if (algorithm.family() == cn.certhall.pki.AlgorithmFamily.SM2) {
      return new String[] {
        "openssl",
        "verify",
        "-vfyopt",
        "distid:1234567812345678",
        "-partial_chain",
        "-CAfile",
        issuing.toString(),
        leaf.toString()
      };
    }
    return new String[] {
      "openssl",
      "verify",
      "-CAfile",
      root.toString(),
      "-untrusted",
      issuing.toString(),
      leaf.toString()
    };
  }

  static String[] opensslVerifyIssuing(KeyAlgorithm algorithm, Path root, Path issuing) {
    if (algorithm.family() == cn.certhall.pki.AlgorithmFamily.SM2) {
      return new String[] {
        "openssl",
        "verify",
        "-vfyopt",
        "distid:1234567812345678",
        "-CAfile",
        root.toString(),
        issuing.toString()
      };
    }
    return new String[] {"openssl", "verify", "-CAfile", root.toString(), issuing.toString()};
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslPrintsTheOrganizationCertificate(KeyAlgorithm algorithm) throws Exception {
    ExternalTool.require("openssl");
    IssuedCertificate cert = issue(algorithm, CertificateProfile.ORGANIZATION);
    Path file = PemFiles.write(dir, algorithm + "-org-text.pem", cert.der());
    ExternalTool.Result text =
        ExternalTool.run(
            "openssl",
            "x509",
            "-in",
            file.toString(),
            "-noout",
            "-text",
            "-nameopt",
            "RFC2253,-esc_msb");
    assertThat(text.exitCode()).as(text.output()).isZero();
    String expectedSignature =
        switch (algorithm.family()) {
          case SM2 -> "SM2-with-SM3";
          case ECDSA -> "ecdsa-with-SHA256";
          case RSA -> "sha256WithRSAEncryption";
        };
    assertThat(text.output())
        .contains("Signature Algorithm: " + expectedSignature)
        .contains("organizationIdentifier=NTRCN-91350100M000100Y43")
        .contains("O=福州市测试科技有限公司")
        .contains("C=CN")
        .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Non Repudiation")
        .contains("URI:" + TestHierarchy.BASE + "/crl/" + cert.caName() + ".crl")
        .contains("OCSP - URI:" + TestHierarchy.BASE + "/ocsp")
        .contains("CA Issuers - URI:" + TestHierarchy.BASE + "/ca/" + cert.caName() + ".crt")
        .contains("Policy: " + TestHierarchy.POLICY)
        .contains("X509v3 Subject Key Identifier")
        .contains("X509v3 Authority Key Identifier");
    if (algorithm.family() == cn.certhall.pki.AlgorithmFamily.SM2) {
      assertThat(text.output()).contains("ASN1 OID: SM2");
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void pkixValidatorAcceptsTheChain(KeyAlgorithm algorithm) throws Exception {
    TestHierarchy h = hierarchy(algorithm);
    X509Certificate root = IssuedCertificate.decode(h.root().certificateDer());
    X509Certificate issuing = IssuedCertificate.decode(h.issuing().certificateDer());
    // the JDK's own validator for what it knows; Bouncy Castle's for SM2, which the JDK lacks
    boolean sm2 = algorithm == KeyAlgorithm.SM2;
    CertificateFactory cf =
        sm2
            ? CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
            : CertificateFactory.getInstance("X.509");
    CertPathValidator validator =
        sm2
            ? CertPathValidator.getInstance("PKIX", Providers.bouncyCastle())
            : CertPathValidator.getInstance("PKIX");
    for (CertificateProfile profile :
        List.of(
            CertificateProfile.OCSP_SIGNER,
            CertificateProfile.SEAL_MAKER,
            CertificateProfile.ORGANIZATION,
            CertificateProfile.PERSONAL)) {
      X509Certificate leaf =
          (X509Certificate)
              cf.generateCertificate(
                  new java.io.ByteArrayInputStream(issue(algorithm, profile).der()));
      X509Certificate mid =
          (X509Certificate)
              cf.generateCertificate(new java.io.ByteArrayInputStream(issuing.getEncoded()));
      CertPath path = cf.generateCertPath(List.of(leaf, mid));
      PKIXParameters params =
          new PKIXParameters(
              Set.of(
                  new TrustAnchor(
                      (X509Certificate)
                          cf.generateCertificate(
                              new java.io.ByteArrayInputStream(root.getEncoded())),
                      null)));
      params.setRevocationEnabled(false);
      params.setInitialPolicies(Set.of(TestHierarchy.POLICY));
      params.setExplicitPolicyRequired(profile != CertificateProfile.OCSP_SIGNER);
      assertThat(validator.validate(path, params)).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void extensionsFollowTheProfiles(KeyAlgorithm algorithm) throws Exception {
    TestHierarchy h = hierarchy(algorithm);
    X509CertificateHolder root = h.root().certificate();
    X509CertificateHolder issuing = h.issuing().certificate();

    assertThat(root.getSubject()).isEqualTo(root.getIssuer());
    assertThat(BasicConstraints.fromExtensions(root.getExtensions()).isCA()).isTrue();
    assertThat(root.getExtension(Extension.basicConstraints).isCritical()).isTrue();
    assertKeyUsage(root, KeyUsage.keyCertSign | KeyUsage.cRLSign);
    assertThat(root.getExtension(Extension.cRLDistributionPoints)).isNull();

    BasicConstraints issuingBc = BasicConstraints.fromExtensions(issuing.getExtensions());
    assertThat(issuingBc.isCA()).isTrue();
    assertThat(issuingBc.getPathLenConstraint()).isZero();
    assertKeyUsage(issuing, KeyUsage.keyCertSign | KeyUsage.cRLSign);
    assertKeyIds(issuing, root);
    assertThat(crlUrl(issuing)).isEqualTo(TestHierarchy.BASE + "/crl/" + h.root().name() + ".crl");

    for (CertificateProfile profile :
        List.of(
            CertificateProfile.ORGANIZATION,
            CertificateProfile.PERSONAL,
            CertificateProfile.SEAL_MAKER)) {
      IssuedCertificate issued = issue(algorithm, profile);
      X509CertificateHolder cert = new X509CertificateHolder(issued.der());
      assertThat(cert.getVersionNumber()).isEqualTo(3);
      assertThat(cert.getIssuer()).isEqualTo(issuing.getSubject());
      assertThat(cert.getSerialNumber().signum()).isPositive();
      assertThat(cert.getSerialNumber().bitLength()).isGreaterThan(64).isLessThanOrEqualTo(127);
      assertThat(cert.getNotBefore().toInstant()).isEqualTo(TestHierarchy.NOW);
      assertThat(cert.getNotAfter().toInstant())
          .isEqualTo(TestHierarchy.NOW.plus(365, ChronoUnit.DAYS));
      assertKeyUsage(cert, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
      assertThat(cert.getExtension(Extension.basicConstraints)).isNull();
      assertKeyIds(cert, issuing);
      assertThat(crlUrl(cert))
          .isEqualTo(TestHierarchy.BASE + "/crl/" + h.issuing().name() + ".crl");
      AuthorityInformationAccess aia =
          AuthorityInformationAccess.fromExtensions(cert.getExtensions());
      assertThat(aia.getAccessDescriptions())
          .extracting(d -> d.getAccessMethod() + " " + uri(d.getAccessLocation()))
          .containsExactly(
              AccessDescription.id_ad_ocsp + " " + TestHierarchy.BASE + "/ocsp",
              AccessDescription.id_ad_caIssuers
                  + " "
                  + TestHierarchy.BASE
                  + "/ca/"
                  + h.issuing().name()
                  + ".crt");
      CertificatePolicies policies = CertificatePolicies.fromExtensions(cert.getExtensions());
      assertThat(policies.getPolicyInformation())
          .extracting(p -> p.getPolicyIdentifier().getId())
          .containsExactly(TestHierarchy.POLICY);
      assertThat(cert.getExtension(Extension.extendedKeyUsage)).isNull();
      if (profile == CertificateProfile.ORGANIZATION) {
        assertThat(rdn(cert, BCStyle.CN)).isEqualTo(ORG.name());
        assertThat(rdn(cert, BCStyle.O)).isEqualTo(ORG.name());
        assertThat(rdn(cert, BCStyle.C)).isEqualTo("CN");
        assertThat(rdn(cert, BCStyle.ORGANIZATION_IDENTIFIER))
            .isEqualTo("NTRCN-91350100M000100Y43");
      } else if (profile == CertificateProfile.SEAL_MAKER) {
        assertThat(rdn(cert, BCStyle.CN)).isEqualTo("certhall 电子印章制章者");
        assertThat(rdn(cert, BCStyle.O)).isEqualTo("certhall");
      } else {
        assertThat(rdn(cert, BCStyle.CN)).isEqualTo("张三");
        assertThat(rdn(cert, BCStyle.SERIALNUMBER)).isEqualTo("IDCCN-11010519491231002X");
      }
    }

    X509CertificateHolder ocsp =
        new X509CertificateHolder(issue(algorithm, CertificateProfile.OCSP_SIGNER).der());
    assertKeyUsage(ocsp, KeyUsage.digitalSignature);
    assertThat(
            ExtendedKeyUsage.fromExtensions(ocsp.getExtensions())
                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning))
        .isTrue();
    Extension noCheck = ocsp.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
    assertThat(noCheck).isNotNull();
    assertThat(noCheck.getParsedValue()).isEqualTo(DERNull.INSTANCE);
    assertKeyIds(ocsp, issuing);
  }

  private static void assertKeyUsage(X509CertificateHolder cert, int bits) {
    Extension ext = cert.getExtension(Extension.keyUsage);
    assertThat(ext.isCritical()).isTrue();
    KeyUsage ku = KeyUsage.fromExtensions(cert.getExtensions());
    assertThat(ku.getBytes()).isEqualTo(new KeyUsage(bits).getBytes());
  }

  private static void assertKeyIds(X509CertificateHolder cert, X509CertificateHolder issuer)
      throws Exception {
    byte[] keyBits = cert.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    byte[] expectedSki = MessageDigest.getInstance("SHA-1").digest(keyBits);
    assertThat(SubjectKeyIdentifier.fromExtensions(cert.getExtensions()).getKeyIdentifier())
        .isEqualTo(expectedSki);
    assertThat(
            AuthorityKeyIdentifier.fromExtensions(cert.getExtensions())
                .getKeyIdentifierObject()
                .getOctets())
        .isEqualTo(SubjectKeyIdentifier.fromExtensions(issuer.getExtensions()).getKeyIdentifier());
  }

  private static String crlUrl(X509CertificateHolder cert) {
    CRLDistPoint cdp = CRLDistPoint.fromExtensions(cert.getExtensions());
    assertThat(cdp.getDistributionPoints()).hasSize(1);
    GeneralNames names =
        (GeneralNames) cdp.getDistributionPoints()[0].getDistributionPoint().getName();
    return uri(names.getNames()[0]);
  }

  private static String uri(GeneralName name) {
    assertThat(name.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
    return name.getName().toString();
  }

  private static String rdn(
      X509CertificateHolder cert, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    return IETFUtils.valueToString(cert.getSubject().getRDNs(type)[0].getFirst().getValue());
  }
}
