package cn.certhall.bench;

import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.PadesVerifier;
import cn.certhall.documents.pades.PdfVerification;
import cn.certhall.documents.pades.SealAppearance;
import cn.certhall.documents.pades.SealPlacement;
import cn.certhall.documents.pades.SealingKey;
import cn.certhall.documents.pades.SignatureCheck;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * certhall's sealer against EU DSS 6.3 (issue 18), in one JMH run: the same one-page PDF as {@link
 * SealingBenchmark}, the same 945 × 945 px seal PNG at the same rectangle of page 1, the same P-256
 * organization key, PAdES B-B.
 *
 * <ul>
 *   <li>certhall seals through {@link PadesSealer} with the key store's signer (Bouncy Castle).
 *   <li>DSS seals through {@code PAdESService} (PDFBox native drawer): {@code getDataToSign}, the
 *       token's {@code sign}, {@code signDocument}, as DSS documents it. Its token is DSS's {@link
 *       KeyStoreSignatureTokenConnection} over an in-memory PKCS#12 holding the very private key of
 *       the key store's file and the same three certificates; its {@code Signature} comes from the
 *       same Bouncy Castle provider instance (DSS would otherwise take the JDK's first provider,
 *       SunEC), so both sign with the same class.
 * </ul>
 *
 * <p>Both reserve 16 KiB for the CMS and write the same reason. Every variant's output is checked
 * once in {@link #setUp}: certhall's {@link PadesVerifier} (signature valid, chain to the bench
 * root, nothing changed after signing), the widget's rectangle, and {@code pdfsig} when installed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DssComparisonBenchmark {
  private static final String REASON = "合同盖章";

  /**
   * certhall's {@code PadesSealer.SIGNATURE_SPACE}: DSS reserves as much (its default is 9,472).
   */
  private static final int SIGNATURE_SPACE = 16_384;

  /** Centre (150 mm, 60 mm) from the lower left of page 1, 40 mm wide: as SealingBenchmark. */
  private static final SealPlacement POSITION = SealPlacement.Position.millimetres(1, 150, 60, 40);

  private BenchHierarchy hierarchy;
  private SealingKey key;
  private byte[] pdf;
  private byte[] png;
  private byte[] tinyPng;
  private SealAppearance appearance;
  private SealAppearance tinyAppearance;
  private PadesSealer sealer;

  /** The seal's rectangle on page 1, in points from the lower left, as certhall places it. */
  private PDRectangle rect;

  private float pageHeight;

  private PAdESService dss;
  private KeyStoreSignatureTokenConnection token;
  private DSSPrivateKeyEntry dssKey;

  /** As many bytes as the signed attributes the organization key signs in a seal. */
  private final byte[] signedAttributes = new byte[140];

  @Setup(Level.Trial)
  public void setUp() throws IOException, GeneralSecurityException {
    KeyAlgorithm a = KeyAlgorithm.EC_P256;
    hierarchy = new BenchHierarchy(a, new DiscardingLedger());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    PublicKey orgKey = hierarchy.keys.generateKeyPair("org", a);
    IssuedCertificate org =
        hierarchy.issuing.issue(
            new IssuanceRequest(
                CertificateProfile.ORGANIZATION,
                new Subject.Organization("北京基准测试科技有限公司", "91110108MA01ABCD2X"),
                orgKey,
                now,
                now.plus(365, ChronoUnit.DAYS)));
    X509CertificateHolder orgCert = new X509CertificateHolder(org.der());
    List<X509CertificateHolder> chain =
        List.of(hierarchy.issuing.certificate(), hierarchy.root.certificate());
    key = new SealingKey(hierarchy.keys, "org", orgCert, chain);

    pdf = SealingBenchmark.onePagePdf();
    png = SealingBenchmark.sealPng();
    tinyPng = tinyPng();
    appearance = SealAppearance.fromImage(png);
    tinyAppearance = SealAppearance.fromImage(tinyPng);
    sealer = new PadesSealer(null, Clock.systemUTC(), PdfLimits.DEFAULT);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDRectangle crop = doc.getPage(0).getCropBox();
      pageHeight = crop.getHeight();
      float w = POSITION.width();
      SealPlacement.Position p = (SealPlacement.Position) POSITION;
      rect = new PDRectangle(p.x() - w / 2, p.y() - w / 2, w, w);
    }

    token = dssToken(orgCert, chain);
    dssKey = token.getKeys().get(0);
    dss = new PAdESService(new CommonCertificateVerifier());
    dss.setPdfObjFactory(new PdfBoxNativeObjectFactory());

    if (!signatureAlgorithm().equals(SignatureAlgorithm.ECDSA_SHA256)) {
      throw new IllegalStateException("unexpected DSS algorithm " + signatureAlgorithm());
    }
    if (!(rawSign().length > 60 && dssTokenSign().getValue().length > 60)) {
      throw new IllegalStateException("no signature value");
    }
    PadesVerifier verifier =
        new PadesVerifier(
            List.of(hierarchy.root.certificate()), Clock.systemUTC(), PdfLimits.DEFAULT);
    System.out.printf("%ninput PDF %d bytes, seal PNG %d bytes%n", pdf.length, png.length);
    check("certhallSeal", certhallSeal(), verifier, true);
    check("certhallSealDecodingImage", certhallSealDecodingImage(), verifier, true);
    check("certhallSealTinyImage", certhallSealTinyImage(), verifier, true);
    check("dssSeal", dssSeal(), verifier, true);
    check("dssSealTinyImage", dssSealTinyImage(), verifier, true);
    check("dssSealInvisible", dssSealInvisible(), verifier, false);
  }

  /**
   * DSS's key store token over a PKCS#12 in memory that holds the organization key read from the
   * key store's own file, with the same chain; signatures from certhall's Bouncy Castle provider.
   */
  private KeyStoreSignatureTokenConnection dssToken(
      X509CertificateHolder orgCert, List<X509CertificateHolder> chain)
      throws IOException, GeneralSecurityException {
    char[] passphrase = "bench-passphrase".toCharArray();
    KeyStore stored = KeyStore.getInstance("PKCS12-AES256-AES128", Providers.bouncyCastle());
    try (InputStream in = Files.newInputStream(hierarchy.dir.resolve("keys").resolve("org.p12"))) {
      stored.load(in, passphrase);
    }
    PrivateKey privateKey = (PrivateKey) stored.getKey("org", passphrase);
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    Certificate[] certificates = new Certificate[1 + chain.size()];
    certificates[0] = converter.getCertificate(orgCert);
    for (int i = 0; i < chain.size(); i++) {
      certificates[i + 1] = converter.getCertificate(chain.get(i));
    }
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry("org", privateKey, passphrase, certificates);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p12.store(out, passphrase);
    return new KeyStoreSignatureTokenConnection(
        out.toByteArray(), "PKCS12", new KeyStore.PasswordProtection(passphrase)) {
      @Override
      protected Signature getSignatureInstance(String algorithm)
          throws java.security.NoSuchAlgorithmException {
        return Signature.getInstance(algorithm, Providers.bouncyCastle());
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    token.close();
    hierarchy.close();
  }

  /** One P-256 signature by the organization key, through the key store as the sealer signs. */
  @Benchmark
  public byte[] rawSign() throws IOException {
    ContentSigner signer = hierarchy.keys.signer("org");
    OutputStream out = signer.getOutputStream();
    out.write(signedAttributes);
    return signer.getSignature();
  }

  /** One signature of the same bytes through DSS's token (same key, same provider). */
  @Benchmark
  public SignatureValue dssTokenSign() {
    return token.sign(new ToBeSigned(signedAttributes), DigestAlgorithm.SHA256, dssKey);
  }

  /**
   * certhall: PAdES B-B by position, the seal picture decoded once (as PadesDocumentSealer keeps
   * it).
   */
  @Benchmark
  public byte[] certhallSeal() {
    return sealer.seal(pdf, POSITION, appearance, key, PadesSealer.Details.of(REASON));
  }

  /** The same, decoding the PNG for every document as DSS does. */
  @Benchmark
  public byte[] certhallSealDecodingImage() {
    return sealer.seal(
        pdf, POSITION, SealAppearance.fromImage(png), key, PadesSealer.Details.of(REASON));
  }

  /** The same rectangle with a 1 × 1 px picture: the signature field without the image's cost. */
  @Benchmark
  public byte[] certhallSealTinyImage() {
    return sealer.seal(pdf, POSITION, tinyAppearance, key, PadesSealer.Details.of(REASON));
  }

  /** DSS: PAdES B-B, the seal PNG stretched over the same rectangle. */
  @Benchmark
  public byte[] dssSeal() {
    return dssSign(png);
  }

  /** DSS with the 1 × 1 px picture over the same rectangle. */
  @Benchmark
  public byte[] dssSealTinyImage() {
    return dssSign(tinyPng);
  }

  /** DSS without a visible signature (certhall's sealer always draws one). */
  @Benchmark
  public byte[] dssSealInvisible() {
    return dssSign(null);
  }

  private byte[] dssSign(byte[] image) {
    DSSDocument document = new InMemoryDocument(pdf);
    PAdESSignatureParameters parameters = dssParameters(image);
    ToBeSigned toBeSigned = dss.getDataToSign(document, parameters);
    SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), dssKey);
    DSSDocument signed = dss.signDocument(document, parameters, value);
    try (InputStream in = signed.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PAdESSignatureParameters dssParameters(byte[] image) {
    PAdESSignatureParameters parameters = new PAdESSignatureParameters();
    parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(dssKey.getCertificate());
    parameters.setCertificateChain(dssKey.getCertificateChain());
    parameters.setContentSize(SIGNATURE_SPACE);
    parameters.setReason(REASON);
    if (image != null) {
      SignatureImageParameters imageParameters = new SignatureImageParameters();
      imageParameters.setImage(new InMemoryDocument(image, "seal.png", MimeTypeEnum.PNG));
      SignatureFieldParameters field = new SignatureFieldParameters();
      field.setPage(1);
      // DSS measures from the top left corner of the page, y downwards
      field.setOriginX(rect.getLowerLeftX());
      field.setOriginY(pageHeight - rect.getUpperRightY());
      field.setWidth(rect.getWidth());
      field.setHeight(rect.getHeight());
      imageParameters.setFieldParameters(field);
      parameters.setImageParameters(imageParameters);
    }
    return parameters;
  }

  private SignatureAlgorithm signatureAlgorithm() {
    return dssTokenSign().getAlgorithm();
  }

  /** Fails the run unless {@code sealed} carries one valid, trusted, untouched signature. */
  private void check(String name, byte[] sealed, PadesVerifier verifier, boolean visible)
      throws IOException {
    PdfVerification verification = verifier.verify(sealed);
    if (verification.signatures().size() != 1) {
      throw new IllegalStateException(
          name + ": " + verification.signatures().size() + " signatures");
    }
    SignatureCheck s = verification.signatures().get(0);
    if (!verification.documentUnchanged() || !s.certificateTrusted() || !s.coversWholeDocument()) {
      throw new IllegalStateException(name + ": output does not verify: " + s);
    }
    String placed;
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      PDSignatureField field = doc.getSignatureFields().get(0);
      PDRectangle r = field.getWidgets().get(0).getRectangle();
      boolean hasWidget = r != null && r.getWidth() > 0 && r.getHeight() > 0;
      if (visible != hasWidget) {
        throw new IllegalStateException(name + ": widget " + r + ", expected visible=" + visible);
      }
      if (visible
          && (Math.abs(r.getLowerLeftX() - rect.getLowerLeftX()) > 0.5f
              || Math.abs(r.getLowerLeftY() - rect.getLowerLeftY()) > 0.5f
              || Math.abs(r.getWidth() - rect.getWidth()) > 0.5f
              || Math.abs(r.getHeight() - rect.getHeight()) > 0.5f)) {
        throw new IllegalStateException(name + ": widget at " + r + ", expected " + rect);
      }
      placed = visible ? "widget " + r : "no widget";
    }
    String pdfsig = pdfsig(name, sealed);
    System.out.printf(
        "%s: %d bytes, verifies (PadesVerifier), %s, pdfsig: %s%n",
        name, sealed.length, placed, pdfsig);
  }

  /** Runs poppler's pdfsig on the file when it is installed; fails unless it says valid. */
  private static String pdfsig(String name, byte[] sealed) throws IOException {
    Path pdfsig = Path.of("/usr/bin/pdfsig");
    if (!Files.isExecutable(pdfsig)) {
      return "not installed";
    }
    Path file = Files.createTempFile("dss-comparison-" + name + "-", ".pdf");
    try {
      Files.write(file, sealed);
      Process p =
          new ProcessBuilder(pdfsig.toString(), file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      if (!out.contains("Signature Validation: Signature is Valid.")) {
        throw new IllegalStateException(name + ": pdfsig does not say valid:\n" + out);
      }
      return "Signature is Valid";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static byte[] tinyPng() {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, new Color(0xE0, 0x10, 0x10).getRGB());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
