package cn.certhall.documents.pades;

import cn.certhall.documents.CjkFont;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.bouncycastle.cert.X509CertificateHolder;

/** Test documents, a seal picture, organization keys, and pdfsig with an NSS database. */
final class SealingFixture {
  static final Subject.Organization ORG =
      new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43");
  static final String ANCHOR = "甲方（盖章）";

  private SealingFixture() {}

  /** An A4 page with a contract line and the anchor text near the bottom right. */
  static byte[] onePagePdf() {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, CjkFont.open(), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 14);
        cs.newLineAtOffset(72, 760);
        cs.showText("合同书 Contract No. 2026-001");
        cs.newLineAtOffset(0, -24);
        cs.showText("双方同意以下条款。");
        cs.endText();
        cs.beginText();
        cs.setFont(font, 12);
        cs.newLineAtOffset(360, 200);
        cs.showText(ANCHOR + "：");
        cs.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A red ring on a transparent background, like a seal (any PNG would do). */
  static byte[] sealPng() {
    BufferedImage img = new BufferedImage(240, 240, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0xE0, 0x10, 0x10));
    g.setStroke(new BasicStroke(10));
    g.drawOval(8, 8, 224, 224);
    g.fillPolygon(
        new int[] {120, 135, 170, 140, 150, 120, 90, 100, 70, 105},
        new int[] {70, 105, 105, 125, 160, 140, 160, 125, 105, 105},
        10);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An organization certificate from the hierarchy's issuing CA, for a new key in the store. */
  static SealingKey organizationKey(TestHierarchy h, SigningKeyStore keys, String alias) {
    KeyAlgorithm algorithm = h.issuing().keyAlgorithm();
    var publicKey = keys.generateKeyPair(alias, algorithm);
    IssuedCertificate cert =
        h.issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.ORGANIZATION,
                    ORG,
                    publicKey,
                    TestHierarchy.NOW.minus(1, ChronoUnit.DAYS),
                    TestHierarchy.NOW.plus(365, ChronoUnit.DAYS)));
    try {
      return new SealingKey(
          keys,
          alias,
          new X509CertificateHolder(cert.der()),
          List.of(h.issuing().certificate(), h.root().certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An NSS database trusting the hierarchy's root, for pdfsig -nssdir. */
  static Path nssDatabase(Path dir, TestHierarchy h) throws IOException {
    ExternalTool.require("certutil");
    Path db = Files.createDirectories(dir.resolve("nss-" + h.root().name()));
    if (!Files.exists(db.resolve("cert9.db"))) {
      Path root = PemFiles.write(dir, h.root().name() + ".pem", h.root().certificateDer());
      run("certutil", "-N", "-d", "sql:" + db, "--empty-password");
      run("certutil", "-A", "-n", "root", "-t", "CT,C,C", "-i", root.toString(), "-d", "sql:" + db);
    }
    return db;
  }

  static String pdfsig(Path nss, Path pdf) {
    ExternalTool.require("pdfsig");
    return ExternalTool.run(Map.of(), "pdfsig", "-nssdir", "sql:" + nss, pdf.toString()).output();
  }

  private static void run(String... command) {
    ExternalTool.Result r = ExternalTool.run(command);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + ": " + r.output());
    }
  }
}
