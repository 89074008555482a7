package cn.certhall.documents;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one CJK font the project ships, so that seals and PDFs look the same on every machine
 * whatever fonts it has: AR PL UMing CN (a Song/Ming face, Arphic Public License, see {@code
 * font/uming-gb2312.LICENSE.txt}), cut down to the 7,445 characters of GB 2312 plus ASCII and
 * common full-width punctuation (4.7 MB instead of 21 MB). Organization names outside GB 2312 are
 * caught by {@link #canDisplay}, so callers can refuse them instead of printing empty boxes.
 */
public final class CjkFont {

  /** Class-path location of the TrueType file, for PDFBox ({@code PDType0Font.load}). */
  public static final String RESOURCE = "/cn/certhall/documents/font/uming-gb2312.ttf";

  private static final Font BASE = load();

  private CjkFont() {}

  /** The font as a Java2D font at the given size in points (for seal images). */
  public static Font awt(float size) {
    return BASE.deriveFont(size);
  }

  /** The TrueType bytes, opened afresh; the caller closes the stream. */
  public static InputStream open() {
    InputStream in = CjkFont.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("font resource missing: " + RESOURCE);
    }
    return in;
  }

  /** Whether every character of {@code text} has a glyph in the font. */
  public static boolean canDisplay(String text) {
    return BASE.canDisplayUpTo(text) == -1;
  }

  private static Font load() {
    try (InputStream in = open()) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("font resource unreadable: " + RESOURCE, e);
    }
  }
}
