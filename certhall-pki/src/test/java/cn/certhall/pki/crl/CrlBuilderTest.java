package cn.certhall.pki.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CRLs of each algorithm family, read back the way relying parties read them: openssl crl -text and
 * -verify, Bouncy Castle, the JDK's CertificateFactory and its PKIX validator with revocation
 * checking, plus a CRL too large to build as objects.
 */
class CrlBuilderTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static final Map<KeyAlgorithm, Fixture> fixtures = new EnumMap<>(KeyAlgorithm.class);

  static final Instant THIS_UPDATE = TestHierarchy.NOW.minus(1, ChronoUnit.HOURS);
  static final Instant NEXT_UPDATE = TestHierarchy.NOW.plus(7, ChronoUnit.DAYS);
  static final Instant REVOKED_AT = TestHierarchy.NOW.minus(2, ChronoUnit.HOURS);
  static final Instant INVALID_SINCE = TestHierarchy.NOW.minus(3, ChronoUnit.DAYS);
  static final BigInteger NUMBER = BigInteger.valueOf(42);

  /** A serial the CA never issued, long enough that its DER INTEGER needs a leading zero. */
  static final BigInteger FOREIGN_SERIAL = new BigInteger("80" + "11".repeat(19), 16);

  static final Subject.Organization ORG =
      new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43");

  /** The certificates of one hierarchy: 0 to 2 revoked (reasons below), 3 not revoked. */
  record Fixture(TestHierarchy hierarchy, List<IssuedCertificate> certs) {
    CertificateAuthority issuing() {
      return hierarchy.issuing();
    }
  }

  /** What each revoked certificate is revoked for; the last entry names a serial never issued. */
  static List<RevokedEntry> entries(Fixture f) {
    return List.of(
        new RevokedEntry(
            f.certs().get(0).serial(), REVOKED_AT, RevocationReason.KEY_COMPROMISE, INVALID_SINCE),
        new RevokedEntry(f.certs().get(1).serial(), REVOKED_AT, RevocationReason.UNSPECIFIED, null),
        new RevokedEntry(
            f.certs().get(2).serial(), REVOKED_AT, RevocationReason.CESSATION_OF_OPERATION, null),
        new RevokedEntry(FOREIGN_SERIAL, REVOKED_AT, RevocationReason.SUPERSEDED, null));
  }

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  static synchronized Fixture fixture(KeyAlgorithm algorithm) {
    return fixtures.computeIfAbsent(
        algorithm,
        a -> {
          TestHierarchy h = TestHierarchy.create(a, keys);
          PublicKey key = keys.generateKeyPair("org-" + a.name().toLowerCase(Locale.ROOT), a);
          List<IssuedCertificate> certs = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            certs.add(
                h.issuing()
                    .issue(
                        new IssuanceRequest(
                            CertificateProfile.ORGANIZATION,
                            ORG,
                            key,
                            TestHierarchy.NOW.minus(1, ChronoUnit.DAYS),
                            TestHierarchy.NOW.plus(365, ChronoUnit.DAYS))));
          }
          return new Fixture(h, certs);
        });
  }

  static byte[] crl(CertificateAuthority ca, List<RevokedEntry> entries) throws IOException {
    try (CrlBuilder builder = ca.newCrl(NUMBER, THIS_UPDATE, NEXT_UPDATE, dir.resolve("work"))) {
      entries.forEach(builder::add);
      assertThat(builder.count()).isEqualTo(entries.size());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long written = builder.writeTo(out);
      assertThat(written).isEqualTo(out.size());
      return out.toByteArray();
    }
  }

  static Path save(String name, byte[] der) throws IOException {
    return Files.write(dir.resolve(name), der);
  }

  /** openssl's way of printing a serial: upper-case hex, whole octets, no sign octet. */
  static String opensslSerial(BigInteger serial) {
    String hex = serial.toString(16).toUpperCase(Locale.ROOT);
    return hex.length() % 2 == 1 ? "0" + hex : hex;
  }

  /** openssl's default date format, e.g. "Nov 4 22:13:20 2023 GMT". */
  static String opensslDate(Instant t) {
    return DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.US)
        .withZone(ZoneOffset.UTC)
        .format(t);
  }

  static String colonHex(byte[] bytes) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
  }

  static byte[] subjectKeyId(X509CertificateHolder cert) {
    return SubjectKeyIdentifier.fromExtensions(cert.getExtensions()).getKeyIdentifier();
  }

  /** The text openssl prints for each revoked serial, up to the next serial. */
  static Map<String, String> opensslEntries(String text) {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher m = Pattern.compile("Serial Number: ([0-9A-F]+)\\n").matcher(text);
    List<int[]> starts = new ArrayList<>();
    List<String> serials = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      serials.add(m.group(1));
    }
    int sigStart =
        text.indexOf(
            "Signature Algorithm", starts.isEmpty() ? 0 : starts.get(starts.size() - 1)[1]);
    for (int i = 0; i < starts.size(); i++) {
      int end =
          i + 1 < starts.size() ? starts.get(i + 1)[0] : sigStart < 0 ? text.length() : sigStart;
      blocks.put(serials.get(i), text.substring(starts.get(i)[1], end));
    }
    return blocks;
  }

  @ParameterizedTest
  @EnumSource(names = {"SM2", "EC_P256", "RSA_2048"})
  void opensslPrintsAndVerifiesTheCrl(KeyAlgorithm algorithm) throws Exception {
    ExternalTool.require("openssl");
    Fixture f = fixture(algorithm);
    List<RevokedEntry> entries = entries(f);
    Path crl = save(algorithm + ".crl", crl(f.issuing(), entries));
    Path issuingPem =
        PemFiles.write(dir, algorithm + "-crl-issuing.pem", f.issuing().certificateDer());

    ExternalTool.Result text =
        ExternalTool.run(
            "openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text");
    assertThat(text.exitCode()).as(text.output()).isZero();
    String out = text.output();
    String signature =
        switch (algorithm.family()) {
          case SM2 -> "SM2-with-SM3";
          case ECDSA -> "ecdsa-with-SHA256";
          case RSA -> "sha256WithRSAEncryption";
        };
    assertThat(out)
        .contains("Version 2 (0x1)")
        .contains("Signature Algorithm: " + signature)
        .contains("Last Update: " + opensslDate(THIS_UPDATE))
        .contains("Next Update: " + opensslDate(NEXT_UPDATE))
        .containsPattern("X509v3 CRL Number: *\\n *42\\n")
        .containsPattern(
            "X509v3 Authority Key Identifier: *\\n *"
                + colonHex(subjectKeyId(f.issuing().certificate()))
                + "\\n");

    Map<String, String> blocks = opensslEntries(out);
    assertThat(blocks.keySet())
        .containsExactly(
            entries.stream().map(e -> opensslSerial(e.serial())).toArray(String[]::new));
    String keyCompromise = blocks.get(opensslSerial(entries.get(0).serial()));
    assertThat(keyCompromise)
        .contains("Revocation Date: " + opensslDate(REVOKED_AT))
        .containsPattern("X509v3 CRL Reason Code: *\\n *Key Compromise\\n")
        .containsPattern("Invalidity Date: *\\n *" + Pattern.quote(opensslDate(INVALID_SINCE)));
    // RFC 5280 5.3.1: unspecified is expressed by leaving the reasonCode out
    String unspecified = blocks.get(opensslSerial(entries.get(1).serial()));
    assertThat(unspecified)
        .contains("Revocation Date: " + opensslDate(REVOKED_AT))
        .doesNotContain("Reason Code")
        .doesNotContain("Unspecified")
        .doesNotContain("CRL entry extensions");
    assertThat(blocks.get(opensslSerial(entries.get(2).serial())))
        .containsPattern("X509v3 CRL Reason Code: *\\n *Cessation Of Operation\\n")
        .doesNotContain("Invalidity Date");
    assertThat(blocks.get(opensslSerial(FOREIGN_SERIAL)))
        .containsPattern("X509v3 CRL Reason Code: *\\n *Superseded\\n");
    assertThat(blocks).doesNotContainKey(opensslSerial(f.certs().get(3).serial()));

    if (algorithm.family() == AlgorithmFamily.SM2) {
      opensslVerifiesSm2Signature(algorithm, f.issuing(), Files.readAllBytes(crl));
      return;
    }
    ExternalTool.Result verify =
        ExternalTool.run(
            "openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            crl.toString(),
            "-CAfile",
            issuingPem.toString(),
            "-noout",
            "-verify");
    assertThat(verify.output()).as(verify.output()).contains("verify OK");
    assertThat(verify.exitCode()).isZero();

    // and a CRL whose signature is broken is refused, so "verify OK" above means something
    byte[] broken = Files.readAllBytes(crl);
    broken[broken.length - 5] ^= 0x01;
    Path brokenFile = save(algorithm + "-broken.crl", broken);
    ExternalTool.Result refused =
        ExternalTool.run(
            "openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            brokenFile.toString(),
            "-CAfile",
            issuingPem.toString(),
            "-noout",
            "-verify");
    assertThat(refused.output()).doesNotContain("verify OK");
  }

  /**
   * openssl 3.0 cannot check an SM2 CRL with {@code openssl crl -verify}: that command has no
   * {@code -vfyopt}, and X509_CRL_verify hashes the SM2 signer ID as empty where GM/T 0009 (and the
   * engine, through Bouncy Castle) use 1234567812345678, so it prints "verify failure" for a
   * correct CRL (and still exits 0). {@code openssl verify -crl_check -vfyopt distid:…} does not
   * help either: the option reaches the target certificate's signature only. So the signature is
   * checked by openssl's SM2 itself, with the GM/T ID, over the TBSCertList bytes cut from the
   * file: {@code openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678}.
   * Bouncy Castle's check is in {@link #bouncyCastleAndJdkReadTheCrl}.
   */
  static void opensslVerifiesSm2Signature(
      KeyAlgorithm algorithm, CertificateAuthority ca, byte[] der) throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(der);
    long[] outer = readHeader(in);
    long[] tbs = readHeader(in);
    int tbsStart = (int) (1 + outer[2]);
    int tbsEnd = (int) (tbsStart + 1 + tbs[2] + tbs[1]);
    byte[] tbsBytes = java.util.Arrays.copyOfRange(der, tbsStart, tbsEnd);
    byte[] signature = new X509CRLHolder(der).toASN1Structure().getSignature().getOctets();
    Path tbsFile = save(algorithm + "-tbs.der", tbsBytes);
    Path sigFile = save(algorithm + "-sig.der", signature);
    Path publicKey =
        Files.writeString(
            dir.resolve(algorithm + "-issuing-key.pem"),
            "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(
                        64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(ca.certificate().getSubjectPublicKeyInfo().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    ExternalTool.Result verified =
        ExternalTool.run(
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            publicKey.toString(),
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            "distid:1234567812345678",
            "-in",
            tbsFile.toString(),
            "-sigfile",
            sigFile.toString());
    assertThat(verified.output()).as(verified.output()).contains("Signature Verified Successfully");
    assertThat(verified.exitCode()).isZero();

    tbsBytes[tbsBytes.length - 1] ^= 0x01;
    Path altered = save(algorithm + "-tbs-altered.der", tbsBytes);
    ExternalTool.Result refused =
        ExternalTool.run(
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            publicKey.toString(),
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            "distid:1234567812345678",
            "-in",
            altered.toString(),
            "-sigfile",
            sigFile.toString());
    assertThat(refused.output()).doesNotContain("Signature Verified Successfully");
    assertThat(refused.exitCode()).isNotZero();
  }

  /** Lengths from the short form through 0x81 and 0x82: each CRL parses and re-encodes as is. */
  @Test
  void everyLengthFormParses() throws Exception {
    Fixture f = fixture(KeyAlgorithm.EC_P256);
    X509CertificateHolder caCert = f.issuing().certificate();
    for (int n = 0; n <= 12; n++) {
      List<RevokedEntry> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        entries.add(
            new RevokedEntry(
                BigInteger.valueOf(1000 + i), REVOKED_AT, RevocationReason.values()[i % 10], null));
      }
      byte[] der = crl(f.issuing(), entries);
      X509CRLHolder holder = new X509CRLHolder(der);
      assertThat(holder.getEncoded()).as(n + " entries").isEqualTo(der);
      assertThat(holder.getRevokedCertificates()).hasSize(n);
      assertThat(
              holder.isSignatureValid(
                  new JcaContentVerifierProviderBuilder()
                      .setProvider(Providers.bouncyCastle())
                      .build(caCert)))
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"SM2", "EC_P256", "RSA_2048"})
  void bouncyCastleAndJdkReadTheCrl(KeyAlgorithm algorithm) throws Exception {
    Fixture f = fixture(algorithm);
    List<RevokedEntry> entries = entries(f);
    byte[] der = crl(f.issuing(), entries);
    X509CertificateHolder caCert = f.issuing().certificate();

    X509CRLHolder holder = new X509CRLHolder(der);
    assertThat(holder.getEncoded()).isEqualTo(der); // DER in, the same DER out
    assertThat(
            holder.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(caCert)))
        .isTrue();
    assertThat(
            holder.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(fixture(algorithm).hierarchy().root().certificate())))
        .as("signed by the issuing CA, not the root")
        .isFalse();
    assertThat(holder.getIssuer()).isEqualTo(caCert.getSubject());
    assertThat(holder.toASN1Structure().getVersionNumber()).isEqualTo(2);
    assertThat(holder.getThisUpdate().toInstant()).isEqualTo(THIS_UPDATE);
    assertThat(holder.getNextUpdate().toInstant()).isEqualTo(NEXT_UPDATE);
    assertThat(
            ASN1Integer.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue())
                .getValue())
        .isEqualTo(NUMBER);
    assertThat(holder.getExtension(Extension.cRLNumber).isCritical()).isFalse();
    assertThat(
            AuthorityKeyIdentifier.fromExtensions(holder.getExtensions())
                .getKeyIdentifierObject()
                .getOctets())
        .isEqualTo(subjectKeyId(caCert));
    assertThat(holder.toASN1Structure().getSignatureAlgorithm())
        .isEqualTo(holder.toASN1Structure().getTBSCertList().getSignature());

    assertThat(holder.getRevokedCertificates()).hasSize(entries.size());
    for (RevokedEntry e : entries) {
      X509CRLEntryHolder entry = holder.getRevokedCertificate(e.serial());
      assertThat(entry).as("entry for " + e.serial()).isNotNull();
      assertThat(entry.getRevocationDate().toInstant()).isEqualTo(e.revokedAt());
      Extension reason =
          entry.getExtensions() == null
              ? null
              : entry.getExtensions().getExtension(Extension.reasonCode);
      if (e.reason() == RevocationReason.UNSPECIFIED) {
        assertThat(entry.hasExtensions()).isFalse();
      } else {
        assertThat(reason).isNotNull();
        assertThat(reason.isCritical()).isFalse();
        assertThat(ASN1Enumerated.getInstance(reason.getParsedValue()).intValueExact())
            .isEqualTo(e.reason().code());
      }
      Extension invalidity =
          entry.getExtensions() == null
              ? null
              : entry.getExtensions().getExtension(Extension.invalidityDate);
      if (e.invalidityDate() == null) {
        assertThat(invalidity).isNull();
      } else {
        assertThat(
                ASN1GeneralizedTime.getInstance(invalidity.getParsedValue()).getDate().toInstant())
            .isEqualTo(e.invalidityDate());
      }
    }
    assertThat(holder.getRevokedCertificate(f.certs().get(3).serial())).isNull();

    // the JDK's own X.509 code for what it knows, Bouncy Castle's JCA provider for SM2
    boolean sm2 = algorithm.family() == AlgorithmFamily.SM2;
    CertificateFactory cf =
        sm2
            ? CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
            : CertificateFactory.getInstance("X.509");
    X509CRL crl = (X509CRL) cf.generateCRL(new ByteArrayInputStream(der));
    X509Certificate ca =
        (X509Certificate)
            cf.generateCertificate(new ByteArrayInputStream(f.issuing().certificateDer()));
    X509Certificate root =
        (X509Certificate)
            cf.generateCertificate(new ByteArrayInputStream(f.hierarchy().root().certificateDer()));
    if (sm2) {
      crl.verify(ca.getPublicKey(), Providers.bouncyCastle().getName());
    } else {
      crl.verify(ca.getPublicKey());
    }
    assertThatThrownBy(() -> crl.verify(root.getPublicKey(), Providers.bouncyCastle().getName()))
        .isInstanceOf(java.security.SignatureException.class);
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(crl.getRevokedCertificates()).hasSize(entries.size());
    for (int i = 0; i < 4; i++) {
      X509Certificate cert =
          (X509Certificate)
              cf.generateCertificate(new ByteArrayInputStream(f.certs().get(i).der()));
      assertThat(crl.isRevoked(cert)).as("certificate " + i).isEqualTo(i < 3);
    }
    X509CRLEntry keyCompromise = crl.getRevokedCertificate(entries.get(0).serial());
    assertThat(keyCompromise.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(keyCompromise.getRevocationDate().toInstant()).isEqualTo(REVOKED_AT);
    assertThat(crl.getRevokedCertificate(entries.get(1).serial()).getRevocationReason()).isNull();
    assertThat(crl.getRevokedCertificate(entries.get(2).serial()).getRevocationReason())
        .isEqualTo(CRLReason.CESSATION_OF_OPERATION);
  }

  @ParameterizedTest
  @EnumSource(names = {"SM2", "EC_P256", "RSA_2048"})
  void pkixValidatorRejectsTheRevokedCertificate(KeyAlgorithm algorithm) throws Exception {
    Fixture f = fixture(algorithm);
    byte[] issuingCrl = crl(f.issuing(), entries(f));
    byte[] rootCrl = crl(f.hierarchy().root(), List.of());
    // the JDK's validator where it can; Bouncy Castle's for SM2, which the JDK does not know
    boolean sm2 = algorithm.family() == AlgorithmFamily.SM2;
    CertificateFactory cf =
        sm2
            ? CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
            : CertificateFactory.getInstance("X.509");
    CertPathValidator validator =
        sm2
            ? CertPathValidator.getInstance("PKIX", Providers.bouncyCastle())
            : CertPathValidator.getInstance("PKIX");
    X509Certificate root =
        (X509Certificate)
            cf.generateCertificate(new ByteArrayInputStream(f.hierarchy().root().certificateDer()));
    X509Certificate issuing =
        (X509Certificate)
            cf.generateCertificate(new ByteArrayInputStream(f.issuing().certificateDer()));
    CertStore crls =
        CertStore.getInstance(
            "Collection",
            new CollectionCertStoreParameters(
                List.of(
                    cf.generateCRL(new ByteArrayInputStream(issuingCrl)),
                    cf.generateCRL(new ByteArrayInputStream(rootCrl)))));

    for (int i = 0; i < 4; i++) {
      X509Certificate leaf =
          (X509Certificate)
              cf.generateCertificate(new ByteArrayInputStream(f.certs().get(i).der()));
      CertPath path = cf.generateCertPath(List.of(leaf, issuing));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(true);
      params.addCertStore(crls);
      if (i < 3) {
        int index = i;
        assertThatThrownBy(() -> validator.validate(path, params))
            .as("revoked certificate " + index)
            .isInstanceOfSatisfying(
                CertPathValidatorException.class,
                e -> {
                  if (sm2) {
                    // Bouncy Castle's validator gives no BasicReason, but says why
                    assertThat(e.getMessage()).containsIgnoringCase("revocation");
                  } else {
                    assertThat(e.getReason())
                        .isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
                  }
                  assertThat(e.getIndex()).isZero();
                });
      } else {
        assertThat(validator.validate(path, params)).isNotNull();
      }
    }

    // without the issuing CA's CRL there is nothing to check the leaf against: the validator
    // refuses rather than passes, so the pass above did rest on the CRLs
    X509Certificate good =
        (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(f.certs().get(3).der()));
    PKIXParameters onlyRoot = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    onlyRoot.setRevocationEnabled(true);
    onlyRoot.addCertStore(
        CertStore.getInstance(
            "Collection",
            new CollectionCertStoreParameters(
                List.of(cf.generateCRL(new ByteArrayInputStream(rootCrl))))));
    assertThatThrownBy(
            () -> validator.validate(cf.generateCertPath(List.of(good, issuing)), onlyRoot))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @ParameterizedTest
  @EnumSource(names = {"SM2", "EC_P256", "RSA_2048"})
  void anEmptyCrlIsValid(KeyAlgorithm algorithm) throws Exception {
    Fixture f = fixture(algorithm);
    byte[] der = crl(f.issuing(), List.of());

    // RFC 5280 5.1.2.6: with no revoked certificates the field is absent, not an empty SEQUENCE
    ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0));
    assertThat(tbs.size()).isEqualTo(6);
    assertThat(tbs.getObjectAt(5)).isInstanceOf(ASN1TaggedObject.class);

    X509CRLHolder holder = new X509CRLHolder(der);
    assertThat(holder.getRevokedCertificates()).isEmpty();
    assertThat(
            holder.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(f.issuing().certificate())))
        .isTrue();
    assertThat(holder.getExtension(Extension.cRLNumber)).isNotNull();
    assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNotNull();

    if (algorithm.family() != AlgorithmFamily.SM2) {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      crl.verify(IssuedCertificate.decode(f.issuing().certificateDer()).getPublicKey());
      assertThat(crl.getRevokedCertificates()).isNull();
    }

    if (ExternalTool.onPath("openssl") || System.getenv("CI") != null) {
      ExternalTool.require("openssl");
      Path file = save(algorithm + "-empty.crl", der);
      Path issuingPem =
          PemFiles.write(dir, algorithm + "-empty-issuing.pem", f.issuing().certificateDer());
      ExternalTool.Result text =
          ExternalTool.run(
              "openssl", "crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
      assertThat(text.exitCode()).as(text.output()).isZero();
      assertThat(text.output())
          .contains("No Revoked Certificates.")
          .doesNotContain("Serial Number");
      if (algorithm.family() != AlgorithmFamily.SM2) {
        ExternalTool.Result verify =
            ExternalTool.run(
                "openssl",
                "crl",
                "-inform",
                "DER",
                "-in",
                file.toString(),
                "-CAfile",
                issuingPem.toString(),
                "-noout",
                "-verify");
        assertThat(verify.output()).contains("verify OK");
      }
    }
  }

  /**
   * 200 000 entries: some 10 MB of DER, so every length above the entries is in long form. The CRL
   * goes to a file and is read back with Bouncy Castle's stream parser one entry at a time, and its
   * signature is checked over the TBS bytes streamed from the file, so neither side needs the CRL
   * in memory as objects.
   */
  @Test
  void aLargeCrlStreamsAndParsesBack() throws Exception {
    int n = 200_000;
    Fixture f = fixture(KeyAlgorithm.EC_P256);
    Path file = dir.resolve("large.crl");
    Path work = dir.resolve("large-work");
    BigInteger base = BigInteger.ONE.shiftLeft(120);
    long written;
    try (CrlBuilder builder =
            f.issuing().newCrl(BigInteger.valueOf(7), THIS_UPDATE, NEXT_UPDATE, work);
        OutputStream out = Files.newOutputStream(file)) {
      RevocationReason[] reasons = RevocationReason.values();
      for (int i = 0; i < n; i++) {
        builder.add(
            new RevokedEntry(
                base.add(BigInteger.valueOf(i)),
                REVOKED_AT.minusSeconds(i),
                reasons[i % reasons.length],
                i % 1000 == 1 ? INVALID_SINCE : null));
      }
      assertThat(builder.count()).isEqualTo(n);
      written = builder.writeTo(out);
    }
    assertThat(Files.size(file)).isEqualTo(written).isGreaterThan(8_000_000L);
    try (var left = Files.list(work)) {
      assertThat(left).as("the entries file is removed on close").isEmpty();
    }

    ContentVerifier verifier =
        new JcaContentVerifierProviderBuilder()
            .setProvider(Providers.bouncyCastle())
            .build(f.issuing().certificate())
            .get(
                new AlgorithmIdentifier(
                    org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA256));
    long tbsStart;
    long tbsLength;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      long[] outer = readHeader(in);
      assertThat(outer[0]).isEqualTo(0x30);
      assertThat(outer[2]).as("outer length octets").isGreaterThan(1); // long form
      assertThat(outer[1] + outer[2] + 1).isEqualTo(written);
      long[] tbs = readHeader(in);
      tbsStart = 1 + outer[2];
      tbsLength = 1 + tbs[2] + tbs[1];
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        OutputStream sink = verifier.getOutputStream()) {
      in.skipNBytes(tbsStart);
      byte[] buffer = new byte[65536];
      long remaining = tbsLength;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        sink.write(buffer, 0, read);
        remaining -= read;
      }
    }

    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ASN1StreamParser parser = new ASN1StreamParser(in);
      ASN1SequenceParser certList = (ASN1SequenceParser) parser.readObject();
      ASN1SequenceParser tbs = (ASN1SequenceParser) certList.readObject();
      assertThat(((ASN1Integer) tbs.readObject()).getValue()).isEqualTo(BigInteger.ONE);
      tbs.readObject().toASN1Primitive(); // signature
      tbs.readObject().toASN1Primitive(); // issuer
      assertThat(Time.getInstance(tbs.readObject().toASN1Primitive()).getDate().toInstant())
          .isEqualTo(THIS_UPDATE);
      assertThat(Time.getInstance(tbs.readObject().toASN1Primitive()).getDate().toInstant())
          .isEqualTo(NEXT_UPDATE);
      ASN1SequenceParser revoked = (ASN1SequenceParser) tbs.readObject();
      int count = 0;
      int withExtensions = 0;
      ASN1Encodable e;
      while ((e = revoked.readObject()) != null) {
        ASN1Sequence entry = ASN1Sequence.getInstance(e.toASN1Primitive());
        assertThat(ASN1Integer.getInstance(entry.getObjectAt(0)).getValue())
            .isEqualTo(base.add(BigInteger.valueOf(count)));
        if (entry.size() == 3) {
          withExtensions++;
        }
        count++;
      }
      assertThat(count).isEqualTo(n);
      // every reason but unspecified is written, so 1 in 10 entries has no extensions
      assertThat(withExtensions).isEqualTo(n - n / RevocationReason.values().length);
      ASN1TaggedObject extensions = (ASN1TaggedObject) tbs.readObject().toASN1Primitive();
      assertThat(extensions.getTagNo()).isZero();
      assertThat(tbs.readObject()).isNull();
      AlgorithmIdentifier sigAlg =
          AlgorithmIdentifier.getInstance(certList.readObject().toASN1Primitive());
      assertThat(sigAlg.getAlgorithm())
          .isEqualTo(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA256);
      DERBitString signature =
          (DERBitString) DERBitString.getInstance(certList.readObject().toASN1Primitive());
      assertThat(certList.readObject()).isNull();
      assertThat(verifier.verify(signature.getOctets()))
          .as("signature over the streamed TBS")
          .isTrue();
    }
  }

  /** Reads a DER tag and length: {tag, content length, number of length octets}. */
  static long[] readHeader(InputStream in) throws IOException {
    int tag = in.read();
    int first = in.read();
    if ((first & 0x80) == 0) {
      return new long[] {tag, first, 1};
    }
    int octets = first & 0x7f;
    long length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | in.read();
    }
    return new long[] {tag, length, 1 + octets};
  }

  @Test
  void theBuilderChecksItsArgumentsAndIsWrittenOnce() throws Exception {
    Fixture f = fixture(KeyAlgorithm.EC_P256);
    Path work = dir.resolve("lifecycle");
    CertificateAuthority ca = f.issuing();

    assertThatThrownBy(() -> ca.newCrl(BigInteger.ONE, NEXT_UPDATE, THIS_UPDATE, work))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> ca.newCrl(BigInteger.ONE, THIS_UPDATE, THIS_UPDATE, work))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> ca.newCrl(BigInteger.valueOf(-1), THIS_UPDATE, NEXT_UPDATE, work))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ca.newCrl(BigInteger.ONE.shiftLeft(159), THIS_UPDATE, NEXT_UPDATE, work))
        .as("21 octets")
        .isInstanceOf(IllegalArgumentException.class);

    // the largest number of 20 octets is allowed and comes back intact
    BigInteger largest = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);
    byte[] der;
    try (CrlBuilder builder = ca.newCrl(largest, THIS_UPDATE, NEXT_UPDATE, work)) {
      builder.add(entries(f).get(0));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      builder.writeTo(out);
      der = out.toByteArray();
      assertThatThrownBy(() -> builder.writeTo(new ByteArrayOutputStream()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> builder.add(entries(f).get(1)))
          .as("an entry added after the CRL is written would be lost")
          .isInstanceOf(IllegalStateException.class);
      assertThat(builder.count()).isEqualTo(1);
    }
    X509CRLHolder holder = new X509CRLHolder(der);
    assertThat(
            ASN1Integer.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue())
                .getValue())
        .isEqualTo(largest);
    assertThat(holder.getRevokedCertificates()).hasSize(1);

    // closed without being written: nothing left behind, and it cannot be written any more
    CrlBuilder abandoned = ca.newCrl(BigInteger.TWO, THIS_UPDATE, NEXT_UPDATE, work);
    abandoned.add(entries(f).get(0));
    abandoned.close();
    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> abandoned.writeTo(new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> abandoned.add(entries(f).get(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void revocationReasonsFollowRfc5280() {
    assertThat(RevocationReason.values())
        .extracting(RevocationReason::code)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9, 10);
    for (RevocationReason r : RevocationReason.values()) {
      assertThat(RevocationReason.ofCode(r.code())).contains(r);
      // the JDK's CRLReason enum is indexed by the same codes
      assertThat(CRLReason.values()[r.code()].name()).isEqualTo(r.name());
    }
    assertThat(RevocationReason.ofCode(7)).isEmpty();
    assertThat(RevocationReason.ofCode(-1)).isEmpty();
    assertThat(RevocationReason.ofCode(11)).isEmpty();
    assertThat(RevocationReason.SUBSCRIBER_REASONS)
        .containsExactlyInAnyOrder(
            RevocationReason.UNSPECIFIED,
            RevocationReason.KEY_COMPROMISE,
            RevocationReason.AFFILIATION_CHANGED,
            RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION);
    assertThat(RevocationReason.ADMINISTRATOR_REASONS)
        .containsAll(RevocationReason.SUBSCRIBER_REASONS)
        .contains(RevocationReason.CA_COMPROMISE, RevocationReason.PRIVILEGE_WITHDRAWN)
        .doesNotContain(
            RevocationReason.CERTIFICATE_HOLD,
            RevocationReason.REMOVE_FROM_CRL,
            RevocationReason.AA_COMPROMISE);
  }
}
