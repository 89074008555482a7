package cn.certhall.documents.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.tsp.TestTsa;
import cn.certhall.pki.tsp.TimeStampAuthority;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing checked by two independent verifiers: poppler's pdfsig (NSS) and our PDFBox/Bouncy Castle
 * verifier; alterations after sealing reported by both; B-T tokens checked by openssl ts.
 */
class PadesSealerTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static TestHierarchy ec;
  static SealingKey ecKey;
  static SealAppearance seal;
  static byte[] original;

  /**
   * The sealers' fixed clocks, relative to the test hierarchy (made at the real time) so that the
   * organization and TSA certificates are valid at the instants they sign; a calendar date here
   * would age out of them.
   */
  static final Instant SIGNED_AT = TestHierarchy.NOW.plus(30, ChronoUnit.MINUTES);

  static final Instant STAMPED_AT = SIGNED_AT.plusSeconds(2);
  static final PadesSealer BB =
      new PadesSealer(null, Clock.fixed(SIGNED_AT, ZoneOffset.UTC), PdfLimits.DEFAULT);
  static final SealPlacement AT_ANCHOR =
      new SealPlacement.TextAnchor(SealingFixture.ANCHOR, 40 * SealPlacement.MM);

  @BeforeAll
  static void setUp() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
    ec = TestHierarchy.create(KeyAlgorithm.EC_P256, keys);
    ecKey = SealingFixture.organizationKey(ec, keys, "org-ec");
    seal = SealAppearance.fromImage(SealingFixture.sealPng());
    original = SealingFixture.onePagePdf();
  }

  @AfterAll
  static void close() {
    keys.close();
  }

  static PadesVerifier verifier(TestHierarchy h) {
    return new PadesVerifier(List.of(h.root().certificate()), Clock.systemUTC(), PdfLimits.DEFAULT);
  }

  static Path write(String name, byte[] pdf) throws Exception {
    return Files.write(dir.resolve(name), pdf);
  }

  @Test
  void sealedAtTheAnchorPdfsigAndOurVerifierAgree() throws Exception {
    byte[] signed = BB.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("合同盖章"));

    // an incremental update: the original bytes are untouched
    assertThat(Arrays.copyOf(signed, original.length)).isEqualTo(original);

    String pdfsig =
        SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, ec), write("anchor.pdf", signed));
    assertThat(pdfsig)
        .contains("Signature is Valid")
        .contains("Total document signed")
        .contains("Signature Type: ETSI.CAdES.detached")
        .contains("Signing Hash Algorithm: SHA-256")
        .contains("Signer Certificate Common Name: 福州市测试科技有限公司");

    PdfVerification verification = verifier(ec).verify(signed);
    assertThat(verification.documentUnchanged()).isTrue();
    SignatureCheck check = verification.signatures().get(0);
    assertThat(check.problems()).isEmpty();
    assertThat(check.signerSubject())
        .contains("O=福州市测试科技有限公司")
        .contains("NTRCN-91350100M000100Y43");
    assertThat(check.claimedTime()).isEqualTo(SIGNED_AT);
    assertThat(check.timestampTime()).isNull();
    assertThat(check.certificateTrusted()).isTrue();
    assertThat(check.coversWholeDocument()).isTrue();

    try (PDDocument doc = Loader.loadPDF(signed)) {
      PDSignatureField field = doc.getSignatureFields().get(0);
      PDRectangle rect = field.getWidgets().get(0).getRectangle();
      // the anchor's glyphs start at x = 360 on the baseline y = 200, 12 pt high
      assertThat(rect.getWidth()).isCloseTo(40 * SealPlacement.MM, within(0.01f));
      assertThat(rect.getLowerLeftX() + rect.getWidth() / 2).isBetween(370f, 420f);
      assertThat(rect.getLowerLeftY() + rect.getHeight() / 2).isCloseTo(204f, within(4f));
      assertThat(doc.getPage(0).getAnnotations()).hasSize(1);

      PDSignature signature = field.getSignature();
      assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
      SignerInformation signer = signerOf(signature.getContents(signed));
      AttributeTable attributes = signer.getSignedAttributes();
      assertThat(attributes.get(CMSAttributes.signingTime)).as("PAdES: no signing-time").isNull();
      assertThat(attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
      assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
      assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
    }
  }

  @Test
  void rsaAtAPositionInMillimetres() throws Exception {
    TestHierarchy rsa = TestHierarchy.create(KeyAlgorithm.RSA_2048, keys);
    SealingKey rsaKey = SealingFixture.organizationKey(rsa, keys, "org-rsa");
    byte[] signed =
        BB.seal(
            original,
            SealPlacement.Position.millimetres(1, 150, 60, 42),
            seal,
            rsaKey,
            PadesSealer.Details.of("合同盖章"));

    assertThat(
            SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, rsa), write("rsa.pdf", signed)))
        .contains("Signature is Valid")
        .contains("Total document signed");
    assertThat(verifier(rsa).verify(signed).documentUnchanged()).isTrue();
    try (PDDocument doc = Loader.loadPDF(signed)) {
      PDRectangle rect = doc.getSignatureFields().get(0).getWidgets().get(0).getRectangle();
      assertThat(rect.getLowerLeftX() + rect.getWidth() / 2)
          .isCloseTo(150 * SealPlacement.MM, within(0.01f));
      assertThat(rect.getLowerLeftY() + rect.getHeight() / 2)
          .isCloseTo(60 * SealPlacement.MM, within(0.01f));
    }
  }

  @Test
  void aChangedByteIsADigestMismatchForBoth() throws Exception {
    byte[] signed = BB.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("合同盖章"));
    byte[] altered = signed.clone();
    // a byte of the binary comment on the second line: the file still parses, the digest breaks
    assertThat(altered[10] & 0xff).isGreaterThan(127);
    altered[10] ^= 0x01;

    assertThat(
            SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, ec), write("byte.pdf", altered)))
        .contains("Digest Mismatch")
        .doesNotContain("Signature is Valid");
    PdfVerification verification = verifier(ec).verify(altered);
    assertThat(verification.documentUnchanged()).isFalse();
    assertThat(verification.signatures().get(0).cryptographicallyValid()).isFalse();
    assertThat(verification.signatures().get(0).problems())
        .anyMatch(p -> p.contains("digest mismatch"));
  }

  @Test
  void anIncrementalUpdateThatChangesThePageIsReportedByBoth() throws Exception {
    byte[] signed = BB.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("合同盖章"));
    byte[] altered;
    try (PDDocument doc = Loader.loadPDF(signed)) {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
        cs.addRect(100, 100, 200, 50);
        cs.fill();
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      altered = out.toByteArray();
    }

    String pdfsig =
        SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, ec), write("update.pdf", altered));
    // the signed bytes are intact, but pdfsig says they are not the whole document
    assertThat(pdfsig).contains("Signature is Valid").contains("Not total document signed");
    PdfVerification verification = verifier(ec).verify(altered);
    SignatureCheck check = verification.signatures().get(0);
    assertThat(check.cryptographicallyValid()).isTrue();
    assertThat(check.coversWholeDocument()).isFalse();
    assertThat(check.changedAfterSigning()).isTrue();
    assertThat(check.problems()).anyMatch(p -> p.contains("page 1 changed after signing"));
    assertThat(verification.documentUnchanged()).isFalse();
  }

  @Test
  void aSecondSealIsNotAChangeOfTheDocument() throws Exception {
    byte[] once = BB.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("甲方盖章"));
    byte[] twice =
        BB.seal(
            once,
            SealPlacement.Position.millimetres(1, 60, 60, 40),
            seal,
            ecKey,
            PadesSealer.Details.of("乙方盖章"));

    String pdfsig =
        SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, ec), write("twice.pdf", twice));
    assertThat(pdfsig).contains("Signature #2").doesNotContain("Digest Mismatch");
    PdfVerification verification = verifier(ec).verify(twice);
    assertThat(verification.signatures()).hasSize(2);
    assertThat(verification.signatures().get(0).coversWholeDocument()).isFalse();
    assertThat(verification.signatures().get(0).changedAfterSigning()).isFalse();
    assertThat(verification.signatures().get(1).coversWholeDocument()).isTrue();
    assertThat(verification.documentUnchanged()).isTrue();
  }

  @Test
  void bTSignatureCarriesATokenThatOpensslVerifies() throws Exception {
    TimeStampAuthority tsa =
        TestTsa.create(ec, keys, "ec-tsa", Clock.fixed(STAMPED_AT, ZoneOffset.UTC));
    PadesSealer bt =
        new PadesSealer(tsa, Clock.fixed(SIGNED_AT, ZoneOffset.UTC), PdfLimits.DEFAULT);
    byte[] signed = bt.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("合同盖章"));

    assertThat(SealingFixture.pdfsig(SealingFixture.nssDatabase(dir, ec), write("bt.pdf", signed)))
        .contains("Signature is Valid");
    SignatureCheck check = verifier(ec).verify(signed).signatures().get(0);
    assertThat(check.problems()).isEmpty();
    assertThat(check.timestampValid()).isTrue();
    assertThat(check.timestampTime()).isEqualTo(STAMPED_AT);
    assertThat(check.signingTime()).isEqualTo(STAMPED_AT);

    // the token, checked by openssl ts against the SHA-256 of the signature value
    SignerInformation signer;
    try (PDDocument doc = Loader.loadPDF(signed)) {
      signer = signerOf(doc.getSignatureFields().get(0).getSignature().getContents(signed));
    }
    var attribute =
        signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    Path token =
        Files.write(
            dir.resolve("token.tst"),
            ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)).getEncoded("DER"));
    Path root = PemFiles.write(dir, "bt-root.pem", ec.root().certificateDer());
    String digest =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
    ExternalTool.require("openssl");
    ExternalTool.Result ok =
        ExternalTool.run(
            "openssl",
            "ts",
            "-verify",
            "-digest",
            digest,
            "-in",
            token.toString(),
            "-token_in",
            "-CAfile",
            root.toString());
    assertThat(ok.output()).contains("Verification: OK");
    String other = HexFormat.of().formatHex(new byte[32]);
    ExternalTool.Result wrong =
        ExternalTool.run(
            "openssl",
            "ts",
            "-verify",
            "-digest",
            other,
            "-in",
            token.toString(),
            "-token_in",
            "-CAfile",
            root.toString());
    assertThat(wrong.output()).doesNotContain("Verification: OK");
  }

  @Test
  void sm2SealsAreCheckedByOurVerifier() {
    TestHierarchy sm2 = TestHierarchy.create(KeyAlgorithm.SM2, keys);
    SealingKey sm2Key = SealingFixture.organizationKey(sm2, keys, "org-sm2");
    TimeStampAuthority tsa = TestTsa.create(sm2, keys, "sm2-tsa");
    byte[] signed =
        new PadesSealer(tsa, Clock.systemUTC(), PdfLimits.DEFAULT)
            .seal(original, AT_ANCHOR, seal, sm2Key, PadesSealer.Details.of("合同盖章"));

    SignatureCheck check = verifier(sm2).verify(signed).signatures().get(0);
    assertThat(check.problems()).isEmpty();
    assertThat(check.cryptographicallyValid()).isTrue();
    assertThat(check.timestampValid()).isTrue();
    assertThat(check.certificateTrusted()).isTrue();

    byte[] altered = signed.clone();
    altered[10] ^= 0x01;
    assertThat(verifier(sm2).verify(altered).documentUnchanged()).isFalse();
  }

  @Test
  void anotherRootIsNotTrustedButTheSignatureStillVerifies() {
    byte[] signed = BB.seal(original, AT_ANCHOR, seal, ecKey, PadesSealer.Details.of("合同盖章"));
    TestHierarchy other = TestHierarchy.create(KeyAlgorithm.EC_P256, otherKeys());
    SignatureCheck check =
        new PadesVerifier(List.of(other.root().certificate()), Clock.systemUTC(), PdfLimits.DEFAULT)
            .verify(signed)
            .signatures()
            .get(0);
    assertThat(check.cryptographicallyValid()).isTrue();
    assertThat(check.certificateTrusted()).isFalse();
  }

  private static SoftwareKeyStore otherKeys() {
    return SoftwareKeyStore.open(dir.resolve("other-keys"), "other-passphrase".toCharArray(), true);
  }

  @Test
  void unsignedDocumentsHaveNoSignatures() {
    PdfVerification verification = verifier(ec).verify(original);
    assertThat(verification.signed()).isFalse();
    assertThat(verification.documentUnchanged()).isFalse();
  }

  @Test
  void badInputIsRefusedWithItsReason() throws Exception {
    assertReason(
        () -> BB.seal("not a pdf at all".getBytes(), AT_ANCHOR, seal, ecKey, null),
        SealingException.Reason.NOT_A_PDF);
    assertReason(
        () -> BB.seal(original, new SealPlacement.TextAnchor("乙方（盖章）", 100), seal, ecKey, null),
        SealingException.Reason.ANCHOR_NOT_FOUND);
    assertReason(
        () -> BB.seal(original, new SealPlacement.Position(2, 100, 100, 100), seal, ecKey, null),
        SealingException.Reason.NO_SUCH_PAGE);
    assertReason(
        () -> BB.seal(original, new SealPlacement.Position(1, 20, 100, 100), seal, ecKey, null),
        SealingException.Reason.OUTSIDE_PAGE);
    assertReason(
        () -> SealAppearance.fromImage("GIF89a nonsense".getBytes()),
        SealingException.Reason.BAD_SEAL_IMAGE);
    assertReason(
        () -> verifier(ec).verify(new byte[] {1, 2, 3}), SealingException.Reason.NOT_A_PDF);

    byte[] encrypted;
    try (PDDocument doc = Loader.loadPDF(original)) {
      doc.protect(
          new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      encrypted = out.toByteArray();
    }
    assertReason(
        () -> BB.seal(encrypted, AT_ANCHOR, seal, ecKey, null), SealingException.Reason.ENCRYPTED);
    assertThatThrownBy(() -> new SealPlacement.TextAnchor(" ", 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SealPlacement.Position(0, 1, 1, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertReason(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SealingException.Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(SealingException.class)
        .extracting(e -> ((SealingException) e).reason())
        .isEqualTo(reason);
  }

  private static SignerInformation signerOf(byte[] contents) throws Exception {
    try (var in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
      return new CMSSignedData(ContentInfo.getInstance(in.readObject()))
          .getSignerInfos()
          .getSigners()
          .iterator()
          .next();
    }
  }
}
