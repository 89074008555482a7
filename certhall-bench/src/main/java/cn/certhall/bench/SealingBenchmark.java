package cn.certhall.bench;

import cn.certhall.documents.CjkFont;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.SealAppearance;
import cn.certhall.documents.pades.SealPlacement;
import cn.certhall.documents.pades.SealingKey;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.tsp.TimeStampAuthority;
import cn.certhall.pki.tsp.TsaSigner;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing a one-page PDF (issue 9): how many PAdES B-B and B-T sealed PDFs per second, next to the
 * raw signature rate of the same organization key in the same run. The document is an A4 page of
 * Chinese text with the anchor "甲方（盖章）"; the seal a 945 × 945 pixel PNG (40 mm at 600 dpi);
 * placement by text anchor, so the text search is part of each operation, and (the {@code
 * …Position} benchmarks) by position. B-T takes its token from an in-process {@link
 * TimeStampAuthority} with a key of the same algorithm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealingBenchmark {

  @Param({"EC_P256", "RSA_2048", "SM2"})
  public String algorithm;

  private BenchHierarchy hierarchy;
  private SealingKey key;
  private SealAppearance appearance;
  private byte[] pdf;
  private PadesSealer bb;
  private PadesSealer bt;

  /** As many bytes as the signed attributes the organization key signs in a seal. */
  private final byte[] signedAttributes = new byte[140];

  private final SealPlacement placement =
      new SealPlacement.TextAnchor("甲方（盖章）", 40 * SealPlacement.MM);

  /**
   * The same page, the seal by position (what the channel API's page/x/y gives): no text search.
   */
  private final SealPlacement position = SealPlacement.Position.millimetres(1, 150, 60, 40);

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    KeyAlgorithm a = KeyAlgorithm.parse(algorithm);
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
    List<X509CertificateHolder> chain =
        List.of(hierarchy.issuing.certificate(), hierarchy.root.certificate());
    key = new SealingKey(hierarchy.keys, "org", new X509CertificateHolder(org.der()), chain);
    PublicKey tsaKey = hierarchy.keys.generateKeyPair("tsa", a);
    IssuedCertificate tsaCert =
        hierarchy.issuing.issue(
            new IssuanceRequest(
                CertificateProfile.TIME_STAMPING,
                new Subject.Authority("certhall Bench TSA", "certhall"),
                tsaKey,
                now,
                now.plus(365, ChronoUnit.DAYS)));
    TimeStampAuthority tsa =
        new TimeStampAuthority(
            new TsaSigner(new X509CertificateHolder(tsaCert.der()), chain, hierarchy.keys, "tsa"),
            BenchHierarchy.POLICY,
            Clock.systemUTC(),
            new SerialNumberGenerator());
    appearance = SealAppearance.fromImage(sealPng());
    pdf = onePagePdf();
    bb = new PadesSealer(null, Clock.systemUTC(), PdfLimits.DEFAULT);
    bt = new PadesSealer(tsa, Clock.systemUTC(), PdfLimits.DEFAULT);
    System.out.printf(
        "%n%s: input PDF %d bytes, B-B sealed %d bytes, B-T sealed %d bytes%n",
        algorithm, pdf.length, sealBB().length, sealBT().length);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    hierarchy.close();
  }

  /** One signature by the organization key, along the path the sealer uses. */
  @Benchmark
  public byte[] rawSign() throws IOException {
    ContentSigner signer = hierarchy.keys.signer("org");
    OutputStream out = signer.getOutputStream();
    out.write(signedAttributes);
    return signer.getSignature();
  }

  /** One sealed PDF, PAdES B-B: parse, find the anchor, appearance, incremental save, CMS. */
  @Benchmark
  public byte[] sealBB() {
    return bb.seal(pdf, placement, appearance, key, PadesSealer.Details.of("合同盖章"));
  }

  /** The same with a time-stamp token from the in-process TSA (a second signature). */
  @Benchmark
  public byte[] sealBT() {
    return bt.seal(pdf, placement, appearance, key, PadesSealer.Details.of("合同盖章"));
  }

  /** B-B with the seal placed by position: no text search. */
  @Benchmark
  public byte[] sealBBPosition() {
    return bb.seal(pdf, position, appearance, key, PadesSealer.Details.of("合同盖章"));
  }

  /** B-T with the seal placed by position: what the seal app's sealing does per document. */
  @Benchmark
  public byte[] sealBTPosition() {
    return bt.seal(pdf, position, appearance, key, PadesSealer.Details.of("合同盖章"));
  }

  static byte[] onePagePdf() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, CjkFont.open(), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 12);
        cs.newLineAtOffset(72, 770);
        for (int i = 1; i <= 30; i++) {
          cs.showText("第" + i + "条 双方同意按照本合同的约定履行各自的义务，不得擅自变更。");
          cs.newLineAtOffset(0, -20);
        }
        cs.newLineAtOffset(300, -40);
        cs.showText("甲方（盖章）：");
        cs.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] sealPng() {
    int size = 945;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0xE0, 0x10, 0x10));
    g.setStroke(new BasicStroke(28));
    g.drawOval(20, 20, size - 40, size - 40);
    g.setFont(CjkFont.awt(110));
    g.drawString("北京基准测试", 150, 420);
    g.drawString("科技有限公司", 150, 600);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
