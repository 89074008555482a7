package cn.certhall.documents.seal;

import cn.certhall.documents.CjkFont;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The standard round seal drawn from the organization name (SPEC section 5, 3.1 step 10), for
 * organizations whose seal collection form has no usable impression: red rim, five-pointed star in
 * the centre, the name in the shipped Song face along the upper arc from left to right, an optional
 * line under the star and an optional chord text at the bottom.
 *
 * <p>Everything is laid out in millimetres with the seal's centre at the origin and drawn as glyph
 * outlines of {@link CjkFont}, so the picture is the same on every machine, whatever fonts and
 * hinting it has. The proportions are those of peers' template seals; see docs/decisions.md.
 */
public final class RoundSeal {

  /** Seal red (RGB 230, 0, 18): the colour of the ink, every ink pixel has it. */
  public static final Color INK = new Color(230, 0, 18);

  /**
   * Longest name the seal takes: up to about 24 characters on one ring, longer ones on two rings
   * (outer and inner, as seals of long names are engraved), 48 at most.
   */
  public static final int MAX_NAME_CHARS = 48;

  public static final int MAX_HORIZONTAL_CHARS = 8;
  public static final int MAX_CHORD_CHARS = 20;

  /** Space between the rim and the top of the name. */
  private static final double TEXT_GAP_MM = 0.8;

  /** Name height as a share of the diameter: 6.7 mm on 42 mm, lowered for long names. */
  private static final double NAME_HEIGHT = 0.16;

  private static final double MIN_NAME_HEIGHT = 0.12;

  /** Space between two name glyphs, as a share of their height (measured mid-height). */
  private static final double NAME_SPACING = 0.2;

  /** Narrowest glyphs of a long name, as a share of their height (Song faces are square). */
  private static final double MIN_WIDTH_SCALE = 0.45;

  /** A short name spreads over at least this arc, a very short one at most this per glyph. */
  private static final double MIN_SPAN_DEGREES = 150;

  private static final double MAX_SLOT_DEGREES = 50;

  /**
   * Names up to the preferred arc keep square glyphs; longer ones are first squeezed to {@link
   * #SQUEEZE_FIRST} within it, then spread up to the longest arc, then squeezed further. The
   * longest arc is shorter with a line under the star, which needs the room.
   */
  private static final double PREFERRED_SPAN_DEGREES = 240;

  private static final double SQUEEZE_FIRST = 0.75;
  private static final double MAX_SPAN_DEGREES = 280;
  private static final double MAX_SPAN_WITH_LINE_DEGREES = 250;

  /**
   * Two rings: glyph height as a share of the diameter (4.2 mm on 42 mm, lowered to the minimum for
   * the longest names), the gap between the rings as a share of the glyph height, and the longest
   * arcs; the outer arc leaves room at the bottom for the chord text, the inner one for the line
   * under the star. The inner ring's glyphs stay clear of the star by {@link #STAR_CLEARANCE_MM}.
   */
  private static final double TWO_RING_HEIGHT = 0.1;

  private static final double MIN_TWO_RING_HEIGHT = 0.075;
  private static final double RING_GAP = 0.15;
  private static final double MAX_OUTER_SPAN_DEGREES = 300;
  private static final double MAX_OUTER_SPAN_WITH_CHORD_DEGREES = 270;
  private static final double MAX_INNER_SPAN_DEGREES = 260;
  private static final double MAX_INNER_SPAN_WITH_LINE_DEGREES = 210;
  private static final double STAR_CLEARANCE_MM = 0.6;
  private static final double LINE_HEIGHT = 0.1;
  private static final double LINE_MAX_WIDTH = 0.42;
  private static final double CHORD_HEIGHT = 0.06;
  private static final double CHORD_MAX_WIDTH = 0.4;

  /** Inner radius of a regular five-pointed star over its outer radius: sin 18° / sin 54°. */
  private static final double STAR_INNER_RATIO = 0.381966;

  /** Outline drawn around every glyph, as a share of its height (see {@link Mark}). */
  private static final double EMBOLDEN = 0.035;

  private static final Font FONT = CjkFont.awt(100f);
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  /** Top and bottom of a full ideograph in font units: the box every glyph is fitted into. */
  private static final Rectangle2D IDEOGRAPH_BOX =
      FONT.createGlyphVector(FRC, "国").getVisualBounds();

  private RoundSeal() {}

  /** Draws the seal as a PNG at {@link SealPng#DPI}, sized to print at its real diameter. */
  public static SealImage draw(RoundSealSpec spec) {
    BufferedImage image = render(spec);
    int mm = spec.diameter().millimetres();
    return new SealImage(SealPng.write(image), image.getWidth(), image.getHeight(), mm, mm);
  }

  /**
   * Checks that the seal can be drawn for this name, without drawing it: for the application form,
   * which tells the applicant at once.
   *
   * @throws SealException (Chinese message) saying why not
   */
  public static void check(String organizationName, RoundSealSpec.Diameter diameter) {
    marks(checkName(organizationName), "", "", diameter);
  }

  /** The seal as an ARGB image, transparent outside the ink. */
  static BufferedImage render(RoundSealSpec spec) {
    String name = checkName(spec.organizationName());
    String line = checkOptional(spec.horizontalText(), "星下横排文字", MAX_HORIZONTAL_CHARS);
    String chord = checkOptional(spec.chordText(), "底部文字", MAX_CHORD_CHARS);
    RoundSealSpec.Diameter diameter = spec.diameter();
    if (diameter == null) {
      throw new SealException("请选择印章直径（40 毫米或 42 毫米）");
    }
    double d = diameter.millimetres();
    int size = SealPng.pixels(d);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.translate(size / 2.0, size / 2.0);
      g.scale(size / d, size / d);
      g.setColor(INK);
      for (Mark mark : marks(name, line, chord, diameter)) {
        g.fill(mark.shape());
        if (mark.outline() > 0) {
          g.setStroke(
              new BasicStroke(
                  (float) mark.outline(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          g.draw(mark.shape());
        }
      }
    } finally {
      g.dispose();
    }
    return solidInk(image);
  }

  /**
   * Sets every pixel that has ink to the exact ink colour, keeping its coverage as alpha: blending
   * into a transparent image rounds the colour of faint edge pixels away from the ink's.
   */
  private static BufferedImage solidInk(BufferedImage image) {
    int ink = INK.getRGB() & 0xffffff;
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, row.length, 1, row, 0, row.length);
      for (int x = 0; x < row.length; x++) {
        int alpha = row[x] >>> 24;
        row[x] = alpha == 0 ? 0 : alpha << 24 | ink;
      }
      image.setRGB(0, y, row.length, 1, row, 0, row.length);
    }
    return image;
  }

  /**
   * A shape to fill, in millimetres around the centre, and the width of the outline drawn around it
   * (0 for none): the shipped face is a light Ming, engraved seal text is bolder.
   */
  record Mark(Shape shape, double outline) {}

  /** Every mark of the seal: rim, star, name, and the optional line and chord text. */
  static List<Mark> marks(String name, String line, String chord, RoundSealSpec.Diameter diameter) {
    double d = diameter.millimetres();
    double r = d / 2;
    double rim = diameter.rimWidthMm();
    double inner = r - rim;
    Area ring = new Area(new Ellipse2D.Double(-r, -r, d, d));
    ring.subtract(new Area(new Ellipse2D.Double(-inner, -inner, 2 * inner, 2 * inner)));
    List<Mark> marks = new ArrayList<>();
    marks.add(new Mark(ring, 0));
    marks.add(new Mark(star(diameter.starDiameterMm() / 2), 0));
    marks.addAll(
        nameText(name, inner - TEXT_GAP_MM, d, diameter, !line.isEmpty(), !chord.isEmpty()));
    if (!line.isEmpty()) {
      double height = LINE_HEIGHT * d;
      double top = diameter.starDiameterMm() / 2 * Math.cos(Math.toRadians(36)) + 0.03 * d;
      marks.add(straightText(line, top + height, height, LINE_MAX_WIDTH * d));
    }
    if (!chord.isEmpty()) {
      double height = CHORD_HEIGHT * d;
      double bottom = inner - 0.09 * d;
      marks.add(straightText(chord, bottom, height, CHORD_MAX_WIDTH * d));
    }
    return marks;
  }

  private static Shape star(double outer) {
    Path2D.Double star = new Path2D.Double();
    for (int i = 0; i < 10; i++) {
      double radius = i % 2 == 0 ? outer : outer * STAR_INNER_RATIO;
      double angle = Math.toRadians(-90 + 36 * i);
      double x = radius * Math.cos(angle);
      double y = radius * Math.sin(angle);
      if (i == 0) {
        star.moveTo(x, y);
      } else {
        star.lineTo(x, y);
      }
    }
    star.closePath();
    return star;
  }

  /**
   * The name on one ring when it fits there, else on two: the first part along the outer ring, the
   * rest along an inner ring inside it, both read from left to right, with smaller glyphs and wider
   * arcs than one ring has.
   */
  private static List<Mark> nameText(
      String name,
      double top,
      double d,
      RoundSealSpec.Diameter diameter,
      boolean withLine,
      boolean withChord) {
    Mark one = oneRing(name, top, d, withLine);
    if (one != null) {
      return List.of(one);
    }
    int[] chars = name.codePoints().toArray();
    int n = chars.length;
    double outerMax =
        Math.toRadians(withChord ? MAX_OUTER_SPAN_WITH_CHORD_DEGREES : MAX_OUTER_SPAN_DEGREES);
    double innerMax =
        Math.toRadians(withLine ? MAX_INNER_SPAN_WITH_LINE_DEGREES : MAX_INNER_SPAN_DEGREES);
    double starTop = diameter.starDiameterMm() / 2 + STAR_CLEARANCE_MM;
    for (double height = TWO_RING_HEIGHT * d;
        height >= MIN_TWO_RING_HEIGHT * d - 1e-9;
        height -= 0.0025 * d) {
      double spacing = NAME_SPACING * height;
      double outerMiddle = top - height / 2;
      double innerTop = top - height * (1 + RING_GAP);
      double innerMiddle = innerTop - height / 2;
      if (innerTop - height < starTop) {
        break;
      }
      // share the glyphs in proportion to the room on each ring, so both get the same width
      double outerRoom = outerMax * outerMiddle;
      int outer = (int) Math.ceil(n * outerRoom / (outerRoom + innerMax * innerMiddle));
      outer = Math.min(n - 1, Math.max(1, outer));
      double outerScale = Math.min(1.0, (outerMax * outerMiddle / outer - spacing) / height);
      double innerScale = Math.min(1.0, (innerMax * innerMiddle / (n - outer) - spacing) / height);
      double widthScale = Math.min(outerScale, innerScale);
      if (widthScale < MIN_WIDTH_SCALE) {
        continue;
      }
      return List.of(
          ring(Arrays.copyOfRange(chars, 0, outer), top, height, widthScale, spacing),
          ring(Arrays.copyOfRange(chars, outer, n), innerTop, height, widthScale, spacing));
    }
    // unreachable for names within MAX_NAME_CHARS, which fit both diameters with line and chord
    throw tooLong(n);
  }

  /** Glyphs of one width along a ring whose glyph tops are at {@code top}, centred on the top. */
  private static Mark ring(
      int[] chars, double top, double height, double widthScale, double spacing) {
    double middle = top - height / 2;
    double span = arc(chars.length, widthScale, height, spacing, middle);
    double slot = span / chars.length;
    Path2D.Double text = new Path2D.Double();
    for (int i = 0; i < chars.length; i++) {
      double angle = -span / 2 + (i + 0.5) * slot;
      AffineTransform at = AffineTransform.getRotateInstance(angle);
      at.translate(0, -(top - height));
      text.append(glyph(chars[i], height, widthScale, at), false);
    }
    return new Mark(text, EMBOLDEN * height);
  }

  /**
   * The name along the upper arc, glyph tops towards the rim, centred on the top. A short name is
   * spread over at least {@value #MIN_SPAN_DEGREES}°; a long one gets narrower glyphs (as 长宋 seals
   * do) and a longer arc, then smaller glyphs; null when it does not fit on one ring.
   */
  private static Mark oneRing(String name, double top, double d, boolean withLine) {
    int[] chars = name.codePoints().toArray();
    int n = chars.length;
    double maxSpan = Math.toRadians(withLine ? MAX_SPAN_WITH_LINE_DEGREES : MAX_SPAN_DEGREES);
    double preferredSpan = Math.toRadians(PREFERRED_SPAN_DEGREES);
    double minSpan =
        Math.min(Math.toRadians(MIN_SPAN_DEGREES), n * Math.toRadians(MAX_SLOT_DEGREES));
    for (double height = NAME_HEIGHT * d;
        height >= MIN_NAME_HEIGHT * d - 1e-9;
        height -= 0.005 * d) {
      double middle = top - height / 2;
      double spacing = NAME_SPACING * height;
      double span;
      double widthScale;
      if (arc(n, 1.0, height, spacing, middle) <= preferredSpan) {
        widthScale = 1.0;
        span = Math.max(minSpan, arc(n, 1.0, height, spacing, middle));
      } else if (arc(n, SQUEEZE_FIRST, height, spacing, middle) <= preferredSpan) {
        span = preferredSpan;
        widthScale = (span * middle / n - spacing) / height;
      } else if (arc(n, SQUEEZE_FIRST, height, spacing, middle) <= maxSpan) {
        widthScale = SQUEEZE_FIRST;
        span = arc(n, widthScale, height, spacing, middle);
      } else {
        span = maxSpan;
        widthScale = (span * middle / n - spacing) / height;
      }
      double slot = span / n;
      if (widthScale < MIN_WIDTH_SCALE) {
        continue;
      }
      Path2D.Double text = new Path2D.Double();
      for (int i = 0; i < n; i++) {
        double angle = -span / 2 + (i + 0.5) * slot;
        AffineTransform at = AffineTransform.getRotateInstance(angle);
        at.translate(0, -(top - height));
        text.append(glyph(chars[i], height, widthScale, at), false);
      }
      return new Mark(text, EMBOLDEN * height);
    }
    return null;
  }

  /** A line of text with its bottom at {@code bottom}, centred, squeezed to {@code maxWidth}. */
  private static Mark straightText(String text, double bottom, double height, double maxWidth) {
    int[] chars = text.codePoints().toArray();
    double scale = height / IDEOGRAPH_BOX.getHeight();
    double[] advances = new double[chars.length];
    double natural = 0;
    for (int i = 0; i < chars.length; i++) {
      advances[i] = vector(chars[i]).getGlyphMetrics(0).getAdvance() * scale;
      natural += advances[i];
    }
    double widthScale = Math.min(1.0, maxWidth / natural);
    Path2D.Double line = new Path2D.Double();
    double x = -natural * widthScale / 2;
    for (int i = 0; i < chars.length; i++) {
      double advance = advances[i] * widthScale;
      AffineTransform at = AffineTransform.getTranslateInstance(x + advance / 2, bottom);
      line.append(glyph(chars[i], height, widthScale, at), false);
      x += advance;
    }
    return new Mark(line, EMBOLDEN * height);
  }

  /**
   * One glyph whose ideograph box is {@code height} high with its bottom centre at the origin of
   * {@code placement}, squeezed horizontally by {@code widthScale}.
   */
  private static Shape glyph(
      int codePoint, double height, double widthScale, AffineTransform placement) {
    GlyphVector vector = vector(codePoint);
    double advance = vector.getGlyphMetrics(0).getAdvance();
    double scale = height / IDEOGRAPH_BOX.getHeight();
    AffineTransform at = new AffineTransform(placement);
    at.scale(widthScale * scale, scale);
    at.translate(-advance / 2, -IDEOGRAPH_BOX.getMaxY());
    return at.createTransformedShape(vector.getOutline());
  }

  private static GlyphVector vector(int codePoint) {
    return FONT.createGlyphVector(FRC, Character.toString(codePoint));
  }

  /** The arc, in radians, that n glyphs of this width take at this radius. */
  private static double arc(
      int n, double widthScale, double height, double spacing, double middle) {
    return n * (widthScale * height + spacing) / middle;
  }

  private static String checkName(String value) {
    String name = value == null ? "" : value.strip();
    if (name.isEmpty()) {
      throw new SealException("单位名称不能为空，无法刻制印章");
    }
    checkFont(name, "单位名称");
    int n = name.codePointCount(0, name.length());
    if (n > MAX_NAME_CHARS) {
      throw tooLong(n);
    }
    return name;
  }

  private static SealException tooLong(int n) {
    return new SealException(
        "单位名称过长（" + n + " 个字），圆形印章最多容纳 " + MAX_NAME_CHARS + " 个字；请上传印章采集表中的印模");
  }

  private static String checkOptional(String value, String what, int max) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      return "";
    }
    checkFont(text, what);
    int n = text.codePointCount(0, text.length());
    if (n > max) {
      throw new SealException(what + "过长（" + n + " 个字），最多 " + max + " 个字");
    }
    return text;
  }

  private static void checkFont(String text, String what) {
    int at =
        text.codePoints()
            .filter(c -> !CjkFont.canDisplay(Character.toString(c)) || Character.isISOControl(c))
            .findFirst()
            .orElse(-1);
    if (at != -1) {
      throw new SealException(
          what + "中的字「" + Character.toString(at) + "」不在印章字库（GB 2312）中，无法刻制；" + "请上传印章采集表中的印模");
    }
  }
}
