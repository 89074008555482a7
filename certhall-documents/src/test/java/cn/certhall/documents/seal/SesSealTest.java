package cn.certhall.documents.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.documents.seal.SesSeal.ExtData;
import cn.certhall.documents.seal.SesSeal.Parsed;
import cn.certhall.documents.seal.SesSeal.SealInfo;
import cn.certhall.documents.seal.SesSeal.SealType;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.MemoryKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GB/T 38540 seals signed by the seal maker of an SM2, an ECDSA and an RSA hierarchy. */
class SesSealTest {

  static MemoryKeyStore keys;
  static SealImage picture;
  static final Instant NOW = TestHierarchy.NOW;
  static final Subject.Organization ORG =
      new Subject.Organization("福州测试科技有限公司", "91350100M000100Y43");

  @BeforeAll
  static void setUp() {
    keys = new MemoryKeyStore();
    picture = RoundSeal.draw(RoundSealSpec.of(ORG.name(), RoundSealSpec.Diameter.MM_42));
  }

  @AfterAll
  static void tearDown() {
    keys.close();
  }

  /** A hierarchy of the algorithm with a seal maker and an organization certificate under it. */
  record Maker(String alias, IssuedCertificate makerCert, IssuedCertificate orgCert) {}

  static final java.util.Map<KeyAlgorithm, Maker> makers =
      new java.util.EnumMap<>(KeyAlgorithm.class);

  static Maker maker(KeyAlgorithm algorithm) {
    return makers.computeIfAbsent(algorithm, SesSealTest::newMaker);
  }

  static Maker newMaker(KeyAlgorithm algorithm) {
    String prefix = algorithm.name().toLowerCase().replace('_', '-');
    TestHierarchy h = TestHierarchy.create(algorithm, keys);
    String alias = prefix + "-seal-maker";
    IssuedCertificate makerCert =
        h.issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.SEAL_MAKER,
                    new Subject.Authority("certhall 电子印章制章者", "certhall"),
                    keys.generateKeyPair(alias, algorithm),
                    NOW,
                    NOW.plus(730, ChronoUnit.DAYS)));
    IssuedCertificate orgCert =
        h.issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.ORGANIZATION,
                    ORG,
                    keys.generateKeyPair(prefix + "-org", algorithm),
                    NOW,
                    NOW.plus(365, ChronoUnit.DAYS)));
    return new Maker(alias, makerCert, orgCert);
  }

  static SealInfo info(IssuedCertificate orgCert, List<ExtData> exts) {
    return new SealInfo(
        "certhall",
        "91350100M000100Y430001",
        SealType.ORGANIZATION,
        ORG.name(),
        List.of(orgCert.der()),
        NOW,
        NOW,
        NOW.plus(365, ChronoUnit.DAYS),
        picture.png(),
        picture.widthMm(),
        picture.heightMm(),
        exts);
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"SM2", "EC_P256", "RSA_2048"})
  void signedSealParsesBackAndVerifies(KeyAlgorithm algorithm) throws Exception {
    Maker m = maker(algorithm);
    ExtData ext = new ExtData("2.25.1234567", false, new byte[] {1, 2, 3});
    byte[] der =
        SesSeal.sign(info(m.orgCert(), List.of(ext)), m.makerCert().der(), keys.signer(m.alias()));
    Files.createDirectories(Path.of("target", "seals"));
    Files.write(Path.of("target", "seals").resolve("seal-" + algorithm + ".esl"), der);

    // read with Bouncy Castle's own parser, field by field as the standard lays them out
    ASN1Sequence seal;
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      seal = ASN1Sequence.getInstance(in.readObject());
      assertThat(in.readObject()).as("nothing after the seal").isNull();
    }
    assertThat(seal.size()).isEqualTo(4);
    ASN1Sequence sealInfo = ASN1Sequence.getInstance(seal.getObjectAt(0));
    ASN1Sequence header = ASN1Sequence.getInstance(sealInfo.getObjectAt(0));
    assertThat(ASN1IA5String.getInstance(header.getObjectAt(0)).getString()).isEqualTo("ES");
    assertThat(ASN1Integer.getInstance(header.getObjectAt(1)).intValueExact()).isEqualTo(4);
    assertThat(ASN1IA5String.getInstance(header.getObjectAt(2)).getString()).isEqualTo("certhall");
    ASN1Sequence pictureInfo = ASN1Sequence.getInstance(sealInfo.getObjectAt(3));
    assertThat(ASN1IA5String.getInstance(pictureInfo.getObjectAt(0)).getString()).isEqualTo("PNG");
    assertThat(ASN1OctetString.getInstance(pictureInfo.getObjectAt(1)).getOctets())
        .isEqualTo(picture.png());
    assertThat(ASN1Integer.getInstance(pictureInfo.getObjectAt(2)).intValueExact()).isEqualTo(42);
    assertThat(ASN1OctetString.getInstance(seal.getObjectAt(1)).getOctets())
        .isEqualTo(m.makerCert().der());
    ASN1ObjectIdentifier alg = ASN1ObjectIdentifier.getInstance(seal.getObjectAt(2));
    assertThat(alg)
        .isEqualTo(
            switch (algorithm) {
              case SM2 -> GMObjectIdentifiers.sm2sign_with_sm3; // 1.2.156.10197.1.501
              case EC_P256 -> X9ObjectIdentifiers.ecdsa_with_SHA256;
              default -> PKCSObjectIdentifiers.sha256WithRSAEncryption;
            });

    // the signature, checked with the JCA alone over the DER of eSealInfo
    Signature verifier =
        Signature.getInstance(algorithm.signatureAlgorithm(), Providers.bouncyCastle());
    verifier.initVerify(m.makerCert().toX509().getPublicKey());
    verifier.update(sealInfo.getEncoded("DER"));
    assertThat(verifier.verify(ASN1BitString.getInstance(seal.getObjectAt(3)).getOctets()))
        .isTrue();

    Parsed parsed = SesSeal.parse(der);
    assertThat(parsed.signatureVerifies()).isTrue();
    SealInfo back = parsed.info();
    assertThat(back.esId()).isEqualTo("91350100M000100Y430001");
    assertThat(back.type()).isEqualTo(SealType.ORGANIZATION);
    assertThat(back.name()).isEqualTo("福州测试科技有限公司");
    assertThat(back.signerCertificates()).singleElement().isEqualTo(m.orgCert().der());
    assertThat(back.createDate()).isEqualTo(NOW);
    assertThat(back.validEnd()).isEqualTo(NOW.plus(365, ChronoUnit.DAYS));
    assertThat(back.picturePng()).isEqualTo(picture.png());
    assertThat(back.pictureHeightMm()).isEqualTo(42);
    assertThat(back.extDatas())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.oid()).isEqualTo("2.25.1234567");
              assertThat(e.critical()).isFalse();
              assertThat(e.value()).containsExactly(1, 2, 3);
            });
    assertThat(parsed.signAlgId()).isEqualTo(alg.getId());

    // a changed byte of the picture, the name or the signature: the signature fails
    int at = indexOf(der, picture.png()) + picture.png().length / 2;
    byte[] tampered = der.clone();
    tampered[at] ^= 0x01;
    assertThat(SesSeal.parse(tampered).signatureVerifies()).isFalse();
    byte[] name = ORG.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] renamed = der.clone();
    renamed[indexOf(der, name) + 2] ^= 0x01;
    assertThat(SesSeal.parse(renamed).signatureVerifies()).isFalse();
    byte[] badSignature = der.clone();
    badSignature[der.length - 5] ^= 0x01;
    assertThat(SesSeal.parse(badSignature).signatureVerifies()).isFalse();
    // a seal carrying another certificate than the maker's key
    byte[] otherCert =
        SesSeal.sign(info(m.orgCert(), List.of()), m.orgCert().der(), keys.signer(m.alias()));
    assertThat(SesSeal.parse(otherCert).signatureVerifies()).isFalse();
    // without extDatas the field is left out
    byte[] plain =
        SesSeal.sign(info(m.orgCert(), List.of()), m.makerCert().der(), keys.signer(m.alias()));
    assertThat(ASN1Sequence.getInstance(ASN1Sequence.getInstance(plain).getObjectAt(0)).size())
        .isEqualTo(4);
    assertThat(SesSeal.parse(plain).signatureVerifies()).isTrue();
  }

  /**
   * OpenSSL, a relying party's tool, reads the structure and verifies the seal maker's signature.
   */
  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"SM2", "EC_P256", "RSA_2048"})
  void opensslParsesAndVerifiesTheSeal(KeyAlgorithm algorithm, @TempDir Path dir) throws Exception {
    ExternalTool.require("openssl");
    Maker m = maker(algorithm);
    byte[] der =
        SesSeal.sign(info(m.orgCert(), List.of()), m.makerCert().der(), keys.signer(m.alias()));
    Path seal = Files.write(dir.resolve("seal.esl"), der);
    ExternalTool.Result parsed =
        ExternalTool.run("openssl", "asn1parse", "-inform", "DER", "-in", seal.toString());
    assertThat(parsed.exitCode()).as(parsed.output()).isZero();
    assertThat(parsed.output()).contains("IA5STRING         :ES", "IA5STRING         :PNG");

    Parsed p = SesSeal.parse(der);
    Path tbs = Files.write(dir.resolve("tbs.der"), p.sealInfoDer());
    Path signature = Files.write(dir.resolve("signature.der"), p.signedValue());
    Path cert = PemFiles.write(dir, "maker.pem", p.makerCertificate());
    Path key = dir.resolve("maker-key.pem");
    ExternalTool.Result pub =
        ExternalTool.run(
            "openssl", "x509", "-in", cert.toString(), "-pubkey", "-noout", "-out", key.toString());
    assertThat(pub.exitCode()).as(pub.output()).isZero();
    List<String> verify =
        new java.util.ArrayList<>(
            List.of(
                "openssl",
                "dgst",
                algorithm == KeyAlgorithm.SM2 ? "-sm3" : "-sha256",
                "-verify",
                key.toString()));
    if (algorithm == KeyAlgorithm.SM2) {
      // GM/T 0009's default signer ID, which Bouncy Castle signs with
      verify.addAll(List.of("-sigopt", "distid:1234567812345678"));
    }
    verify.addAll(List.of("-signature", signature.toString(), tbs.toString()));
    ExternalTool.Result ok = ExternalTool.run(verify.toArray(String[]::new));
    assertThat(ok.output()).contains("Verified OK");
    byte[] changed = p.sealInfoDer().clone();
    changed[changed.length / 2] ^= 0x01;
    Files.write(tbs, changed);
    ExternalTool.Result bad = ExternalTool.run(verify.toArray(String[]::new));
    assertThat(bad.output()).contains("Verification failure");
  }

  @Test
  void refusesWhatIsNoVersion4Seal() throws Exception {
    assertThatThrownBy(() -> SesSeal.parse(new byte[] {1, 2, 3}))
        .isInstanceOf(SealException.class)
        .hasMessageStartingWith("电子印章数据无效");
    assertThatThrownBy(() -> SesSeal.parse(new DERSequence().getEncoded()))
        .isInstanceOf(SealException.class)
        .hasMessageStartingWith("电子印章数据无效");
    // the same structure with version 3 in the header
    Maker m = maker(KeyAlgorithm.EC_P256);
    byte[] der =
        SesSeal.sign(info(m.orgCert(), List.of()), m.makerCert().der(), keys.signer(m.alias()));
    byte[] version = new ASN1Integer(4).getEncoded();
    int at = indexOf(der, new byte[] {0x16, 0x02, 'E', 'S'}) + 4;
    assertThat(java.util.Arrays.copyOfRange(der, at, at + version.length)).isEqualTo(version);
    der[at + 2] = 3;
    assertThatThrownBy(() -> SesSeal.parse(der))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("只支持第 4 版");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
