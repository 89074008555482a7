package cn.certhall.documents.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.documents.seal.RoundSealSpec.Diameter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round seal of issue 6's acceptance: a short and a long organization name, drawn, checked for
 * size, colour, transparency and text, and left under {@code target/seals/} for a person to look
 * at.
 */
class RoundSealTest {

  static final RoundSealSpec SHORT = RoundSealSpec.of("福州测试科技有限公司", Diameter.MM_42);
  static final RoundSealSpec LONG =
      new RoundSealSpec("中国工商银行股份有限公司北京市分行营业部", Diameter.MM_42, "合同专用章", "1101050012345");

  /** 40 characters, a real length for a branch of a bank or a state enterprise's subsidiary. */
  static final String FORTY = "中国工商银行股份有限公司福建省分行营业部福州市鼓楼区五四路支行第一营业网点管理部";

  static final RoundSealSpec TWO_RINGS = RoundSealSpec.of(FORTY, Diameter.MM_42);
  static final Path OUT = Path.of("target", "seals");

  static SealImage shortSeal;
  static SealImage longSeal;
  static SealImage twoRings;

  @BeforeAll
  static void draw() throws IOException {
    shortSeal = RoundSeal.draw(SHORT);
    longSeal = RoundSeal.draw(LONG);
    Files.createDirectories(OUT);
    Files.write(OUT.resolve("round-seal-short.png"), shortSeal.png());
    Files.write(OUT.resolve("round-seal-long.png"), longSeal.png());
    twoRings = RoundSeal.draw(TWO_RINGS);
    Files.write(OUT.resolve("round-seal-two-rings.png"), twoRings.png());
  }

  @Test
  void isSizedForItsDiameterAt600Dpi() {
    for (SealImage seal : new SealImage[] {shortSeal, longSeal}) {
      BufferedImage image = SealPng.read(seal.png());
      // 42 mm / 25.4 mm per inch × 600 dpi = 992.1 px
      assertThat(image.getWidth()).isEqualTo(992);
      assertThat(image.getHeight()).isEqualTo(992);
      assertThat(seal.widthPx()).isEqualTo(992);
      assertThat(seal.widthMm()).isEqualTo(42);
      assertThat(seal.heightMm()).isEqualTo(42);
      // pHYs: 600 / 0.0254 = 23,622 pixels per metre, so it prints 42 mm wide
      assertThat(SealPng.readPixelsPerMetre(seal.png())).isEqualTo(23622);
    }
    BufferedImage forty =
        SealPng.read(RoundSeal.draw(RoundSealSpec.of("福州测试科技有限公司", Diameter.MM_40)).png());
    assertThat(forty.getWidth()).isEqualTo(945);
  }

  @Test
  void inkIsSealRedAndTheRestTransparent() {
    for (SealImage seal : new SealImage[] {shortSeal, longSeal}) {
      BufferedImage image = SealPng.read(seal.png());
      assertThat(image.getColorModel().hasAlpha()).isTrue();
      int ink = 0;
      int clear = 0;
      int otherColour = 0;
      for (int argb :
          image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth())) {
        if (argb >>> 24 == 0) {
          clear++;
        } else {
          ink++;
          otherColour += (argb & 0xffffff) == 0xe60012 ? 0 : 1;
        }
      }
      assertThat(otherColour).as("ink pixels of another colour than RGB 230, 0, 18").isZero();
      double pixels = image.getWidth() * (double) image.getHeight();
      assertThat(clear / pixels).as("transparent share").isGreaterThan(0.6);
      assertThat(ink / pixels).as("ink share").isBetween(0.08, 0.35);
      int n = image.getWidth();
      // corners are outside the circle, the rim is solid at the top, the ring inside the star clear
      assertThat(alpha(image, 0, 0)).isZero();
      assertThat(alpha(image, n - 1, n - 1)).isZero();
      assertThat(alpha(image, n / 2, 5)).isEqualTo(255);
      assertThat(alpha(image, 5, n / 2)).isEqualTo(255);
      assertThat(alpha(image, n / 2, n / 2)).as("star centre").isEqualTo(255);
    }
  }

  @Test
  void textMatchesTheReferenceRendering() throws IOException {
    assertThat(difference(shortSeal, reference("reference-short.png"))).isLessThan(0.005);
    assertThat(difference(longSeal, reference("reference-long.png"))).isLessThan(0.005);
    assertThat(difference(twoRings, reference("reference-two-rings.png"))).isLessThan(0.005);
    // the comparison sees the text: another name, or no line and chord, differs clearly
    SealImage otherName = RoundSeal.draw(RoundSealSpec.of("福州实验科技有限公司", Diameter.MM_42));
    assertThat(difference(otherName, reference("reference-short.png"))).isGreaterThan(0.01);
    SealImage noLine = RoundSeal.draw(RoundSealSpec.of(LONG.organizationName(), Diameter.MM_42));
    assertThat(difference(noLine, reference("reference-long.png"))).isGreaterThan(0.01);
  }

  @Test
  void nameIsAlongTheUpperArcAndLongNamesFit() {
    // the band under the rim on the upper half holds the name: much ink there, none in the middle
    // under the star, where a plain company seal has nothing
    BufferedImage image = SealPng.read(shortSeal.png());
    int n = image.getWidth();
    double mmPerPx = 42.0 / n;
    int upperBand = 0;
    int upperPixels = 0;
    int lowerInside = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double dx = (x + 0.5 - n / 2.0) * mmPerPx;
        double dy = (y + 0.5 - n / 2.0) * mmPerPx;
        double r = Math.hypot(dx, dy);
        boolean ink = alpha(image, x, y) > 128;
        if (dy < -3 && r > 13 && r < 19) {
          upperPixels++;
          upperBand += ink ? 1 : 0;
        }
        if (dy > 7 && Math.abs(dx) < 6 && r < 19) {
          lowerInside += ink ? 1 : 0;
        }
      }
    }
    assertThat(upperBand / (double) upperPixels).isGreaterThan(0.12);
    assertThat(lowerInside).isZero();
    String longest = "中国工商银行股份有限公司北京市分行营业部第一分理";
    assertThat(RoundSeal.draw(RoundSealSpec.of(longest, Diameter.MM_40)).widthPx()).isEqualTo(945);
  }

  @Test
  void namesOfFortyAndMoreCharactersGoOnTwoRingsClearOfTheStar() {
    assertThat(FORTY.codePointCount(0, FORTY.length())).isEqualTo(40);
    // the inner ring (radius 10 to 14 mm) has ink all around the upper half; one ring has none
    // below 12 mm, and nothing touches the star's clearance
    BufferedImage two = SealPng.read(twoRings.png());
    BufferedImage one = SealPng.read(shortSeal.png());
    assertThat(inkShare(two, 10.2, 12.0, -1)).isGreaterThan(0.12);
    assertThat(inkShare(one, 10.2, 12.0, -1)).isLessThan(0.01);
    assertThat(inkShare(two, 7.6, 9.5, 0)).as("between star and inner ring").isZero();
    String longest = FORTY + "第二营业部门";
    assertThat(longest.codePointCount(0, longest.length())).isLessThan(RoundSeal.MAX_NAME_CHARS);
    String fortyEight = FORTY + "福州测试科技有限";
    assertThat(fortyEight.codePointCount(0, fortyEight.length()))
        .isEqualTo(RoundSeal.MAX_NAME_CHARS);
    for (Diameter diameter : Diameter.values()) {
      RoundSeal.check(fortyEight, diameter);
      assertThat(
              RoundSeal.draw(new RoundSealSpec(fortyEight, diameter, "合同专用章", "1101050012345"))
                  .widthPx())
          .isGreaterThan(900);
    }
  }

  /**
   * Share of ink pixels in the ring between the radii (millimetres on the 42 mm seal): the upper
   * half only ({@code half} −1) or all of it (0).
   */
  static double inkShare(BufferedImage image, double from, double to, int half) {
    int n = image.getWidth();
    double mmPerPx = 42.0 / n;
    int pixels = 0;
    int ink = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double dx = (x + 0.5 - n / 2.0) * mmPerPx;
        double dy = (y + 0.5 - n / 2.0) * mmPerPx;
        double r = Math.hypot(dx, dy);
        if (r >= from && r <= to && (half == 0 || dy < -2)) {
          pixels++;
          ink += alpha(image, x, y) > 128 ? 1 : 0;
        }
      }
    }
    return ink / (double) pixels;
  }

  @Test
  void refusesWhatCannotBeEngravedInChinese() {
    assertThatThrownBy(() -> RoundSeal.draw(RoundSealSpec.of("  ", Diameter.MM_42)))
        .isInstanceOf(SealException.class)
        .hasMessage("单位名称不能为空，无法刻制印章");
    assertThatThrownBy(() -> RoundSeal.draw(RoundSealSpec.of(null, Diameter.MM_42)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("单位名称不能为空");
    assertThatThrownBy(() -> RoundSeal.draw(RoundSealSpec.of("福州喆华科技有限公司", Diameter.MM_42)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("「喆」不在印章字库（GB 2312）中");
    assertThatThrownBy(() -> RoundSeal.draw(RoundSealSpec.of(FORTY + "福州测试科技有限公", Diameter.MM_42)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("单位名称过长（49 个字），圆形印章最多容纳 48 个字");
    assertThatThrownBy(() -> RoundSeal.check("福州喆华科技有限公司", Diameter.MM_40))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("「喆」不在印章字库");
    assertThatThrownBy(
            () ->
                RoundSeal.draw(new RoundSealSpec("福州测试科技有限公司", Diameter.MM_42, "合同专用章专用章专", null)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("星下横排文字过长（9 个字），最多 8 个字");
    assertThatThrownBy(() -> RoundSeal.draw(RoundSealSpec.of("福州测试科技有限公司", null)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("印章直径");
  }

  static int alpha(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) >>> 24;
  }

  static BufferedImage reference(String name) throws IOException {
    try (InputStream in = RoundSealTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return ImageIO.read(in);
    }
  }

  /**
   * Share of 4×4-pixel cells whose mean alpha differs by more than a quarter between the seal and
   * the reference: tolerant of anti-aliasing differences between JDKs, not of a changed glyph.
   */
  static double difference(SealImage seal, BufferedImage reference) {
    BufferedImage image = SealPng.read(seal.png());
    assertThat(image.getWidth()).isEqualTo(reference.getWidth());
    assertThat(image.getHeight()).isEqualTo(reference.getHeight());
    int w = image.getWidth();
    int[] mine = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
    int[] theirs = reference.getRGB(0, 0, w, image.getHeight(), null, 0, w);
    int cells = 0;
    int differing = 0;
    for (int cy = 0; cy + 4 <= image.getHeight(); cy += 4) {
      for (int cx = 0; cx + 4 <= image.getWidth(); cx += 4) {
        int a = 0;
        int b = 0;
        for (int y = cy; y < cy + 4; y++) {
          for (int x = cx; x < cx + 4; x++) {
            a += mine[y * w + x] >>> 24;
            b += theirs[y * w + x] >>> 24;
          }
        }
        cells++;
        if (Math.abs(a - b) / 16.0 > 64) {
          differing++;
        }
      }
    }
    return differing / (double) cells;
  }
}
