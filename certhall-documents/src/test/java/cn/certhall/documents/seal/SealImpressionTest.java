package cn.certhall.documents.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.documents.CjkFont;
import cn.certhall.documents.seal.RoundSealSpec.Diameter;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The seal from the seal collection form: a synthetic scan (A4 at 150 dpi, grey paper with noise,
 * black print, a blue signature and a slightly faded, darker-red impression, JPEG-compressed) gives
 * back the impression, cropped, transparent and seal red.
 */
class SealImpressionTest {

  static final int DPI = 150;
  static final RoundSealSpec SEAL = RoundSealSpec.of("福州测试科技有限公司", Diameter.MM_42);
  static final BufferedImage SEAL_IMAGE = RoundSeal.render(SEAL);

  @Test
  void extractsTheImpressionFromAScannedForm() throws IOException {
    byte[] scan = form(true, "jpg");
    Files.createDirectories(Path.of("target", "seals"));
    Files.write(Path.of("target", "seals", "collection-form-scan.jpg"), scan);

    SealImage seal = SealImpression.extract(scan, 42);
    Files.write(Path.of("target", "seals", "collection-form-seal.png"), seal.png());

    BufferedImage image = SealPng.read(seal.png());
    assertThat(image.getWidth()).isEqualTo(992);
    assertThat(image.getHeight()).isBetween(985, 999);
    assertThat(seal.widthMm()).isEqualTo(42);
    assertThat(seal.heightMm()).isEqualTo(42);
    assertThat(SealPng.readPixelsPerMetre(seal.png())).isEqualTo(23622);
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    int ink = 0;
    int otherColour = 0;
    for (int p : pixels) {
      if (p >>> 24 != 0) {
        ink++;
        otherColour += (p & 0xffffff) == 0xe60012 ? 0 : 1;
      }
    }
    assertThat(otherColour).as("ink pixels not seal red").isZero();
    assertThat(ink / (double) pixels.length).as("ink share").isBetween(0.08, 0.4);
    assertThat(image.getRGB(0, 0) >>> 24).as("corner").isZero();
    assertThat(image.getRGB(image.getWidth() / 2, image.getHeight() * 3 / 4) >>> 24)
        .as("paper under the star")
        .isZero();

    // the impression matches the seal that was stamped, within the blur of a 150 dpi scan
    BufferedImage original = SEAL_IMAGE;
    assertThat(cellDifference(image, original, 16)).isLessThan(0.08);
    // and is not just any round blob: another name differs more
    BufferedImage other = RoundSeal.render(RoundSealSpec.of("厦门海洋渔业有限公司", Diameter.MM_42));
    assertThat(cellDifference(image, other, 16))
        .isGreaterThan(cellDifference(image, original, 16) * 2);
  }

  @Test
  void readsPngAndIgnoresBlackPrintAndBlueInk() throws IOException {
    SealImage seal = SealImpression.extract(form(true, "png"), 40);
    assertThat(seal.widthPx()).isEqualTo(945);
    assertThat(seal.widthMm()).isEqualTo(40);
  }

  @Test
  void refusesAFormWithoutAUsableImpression() throws IOException {
    assertThatThrownBy(() -> SealImpression.extract(form(false, "jpg"), 42))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("未在印章采集表中找到清晰的红色印章印模");
    assertThatThrownBy(() -> SealImpression.extract("not an image".getBytes(), 42))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("无法读取印章采集表的图片");
    assertThatThrownBy(() -> SealImpression.extract(null, 42))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("无法读取");
    // a red block (a filled stamp pad smear) is no seal
    BufferedImage smear = paper(600, 600, new Random(3));
    Graphics2D g = smear.createGraphics();
    g.setColor(new Color(200, 30, 40));
    g.fillRect(100, 100, 300, 300);
    g.dispose();
    assertThatThrownBy(() -> SealImpression.extract(encode(smear, "png"), 42))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("未在印章采集表中找到");
    // a tiny impression: a scan at too low a resolution
    BufferedImage tiny = paper(400, 400, new Random(4));
    Graphics2D t = tiny.createGraphics();
    t.drawImage(SEAL_IMAGE, 100, 100, 80, 80, null);
    t.dispose();
    assertThatThrownBy(() -> SealImpression.extract(encode(tiny, "png"), 42))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("印模太小或分辨率太低");
  }

  /** An A4 form at 150 dpi with print, a blue signature and, if asked, the seal impression. */
  static byte[] form(boolean withSeal, String format) throws IOException {
    Random random = new Random(42);
    int w = 1240;
    int h = 1754;
    BufferedImage page = paper(w, h, random);
    Graphics2D g = page.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(25, 25, 25));
    g.setFont(CjkFont.awt(48f));
    g.drawString("印章采集表", 500, 150);
    g.setFont(CjkFont.awt(24f));
    for (int i = 0; i < 12; i++) {
      g.drawString("单位名称：福州测试科技有限公司　统一社会信用代码：91350100M000100Y43", 120, 260 + 40 * i);
      g.drawLine(100, 270 + 40 * i, 1140, 270 + 40 * i);
    }
    g.drawRect(300, 800, 640, 640);
    g.setColor(new Color(30, 50, 160));
    g.setStroke(new java.awt.BasicStroke(3f));
    g.drawArc(560, 1050, 300, 80, 10, 160);
    if (withSeal) {
      int size = (int) Math.round(42 / 25.4 * DPI);
      BufferedImage seal = SEAL_IMAGE;
      BufferedImage stamped =
          new BufferedImage(seal.getWidth(), seal.getHeight(), BufferedImage.TYPE_INT_ARGB);
      Graphics2D s = stamped.createGraphics();
      s.drawImage(seal, 0, 0, null);
      s.setComposite(AlphaComposite.SrcIn);
      s.setColor(new Color(196, 36, 52));
      s.fillRect(0, 0, seal.getWidth(), seal.getHeight());
      s.dispose();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
      g.drawImage(stamped, 620 - size / 2, 1100 - size / 2, size, size, null);
    }
    g.dispose();
    return encode(page, format);
  }

  static BufferedImage paper(int w, int h, Random random) {
    BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((java.awt.image.DataBufferInt) page.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      int v = 236 + random.nextInt(12);
      pixels[i] = v << 16 | (v - 2) << 8 | (v - 6);
    }
    return page;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  /**
   * Share of cells (on a grid of {@code cells} per side) whose ink coverage differs by more than a
   * fifth between two seal pictures of possibly different pixel sizes.
   */
  static double cellDifference(BufferedImage a, BufferedImage b, int cells) {
    double[] ca = coverage(a, cells);
    double[] cb = coverage(b, cells);
    int differing = 0;
    for (int i = 0; i < ca.length; i++) {
      differing += Math.abs(ca[i] - cb[i]) > 0.2 ? 1 : 0;
    }
    return differing / (double) ca.length;
  }

  static double[] coverage(BufferedImage image, int cells) {
    double[] sum = new double[cells * cells];
    int[] n = new int[cells * cells];
    int w = image.getWidth();
    int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        int c = (y * cells / image.getHeight()) * cells + x * cells / w;
        sum[c] += (argb[y * w + x] >>> 24) / 255.0;
        n[c]++;
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= n[i];
    }
    return sum;
  }
}
