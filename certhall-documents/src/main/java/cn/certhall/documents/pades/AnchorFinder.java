package cn.certhall.documents.pades;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Finds a text anchor with PDFBox's text stripper: the glyphs of each page in reading order, white
 * space dropped on both sides, searched for the anchor; the hit is the box around its glyphs, in
 * PDF user space of that page.
 */
final class AnchorFinder extends PDFTextStripper {

  /** Where the anchor is: page index (0-based) and the centre of its glyphs. */
  record Hit(int pageIndex, float centreX, float centreY) {}

  private final List<TextPosition> glyphs = new ArrayList<>();

  private AnchorFinder() {
    super();
    setSortByPosition(true);
  }

  static Hit find(PDDocument document, String anchor) throws IOException {
    String wanted = anchor.replaceAll("\\s+", "");
    AnchorFinder finder = new AnchorFinder();
    for (int i = 0; i < document.getNumberOfPages(); i++) {
      finder.glyphs.clear();
      finder.setStartPage(i + 1);
      finder.setEndPage(i + 1);
      finder.writeText(document, new StringWriter());
      Hit hit = finder.search(wanted, i, document.getPage(i));
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  @Override
  protected void writeString(String text, List<TextPosition> positions) {
    for (TextPosition p : positions) {
      if (!p.getUnicode().isBlank()) {
        glyphs.add(p);
      }
    }
  }

  private Hit search(String wanted, int pageIndex, PDPage page) {
    // one entry per char of the page text, pointing at the glyph it came from (a ligature gives
    // several chars for one glyph)
    StringBuilder text = new StringBuilder();
    List<TextPosition> owner = new ArrayList<>();
    for (TextPosition p : glyphs) {
      String u = p.getUnicode().replaceAll("\\s+", "");
      text.append(u);
      for (int k = 0; k < u.length(); k++) {
        owner.add(p);
      }
    }
    int at = text.indexOf(wanted);
    if (at < 0) {
      return null;
    }
    float minX = Float.MAX_VALUE;
    float maxX = -Float.MAX_VALUE;
    float minY = Float.MAX_VALUE;
    float maxY = -Float.MAX_VALUE;
    for (int k = at; k < at + wanted.length(); k++) {
      TextPosition p = owner.get(k);
      // the stripper's adjusted coordinates: x from the left, y of the baseline from the top
      minX = Math.min(minX, p.getXDirAdj());
      maxX = Math.max(maxX, p.getXDirAdj() + p.getWidthDirAdj());
      minY = Math.min(minY, p.getYDirAdj() - p.getHeightDir());
      maxY = Math.max(maxY, p.getYDirAdj());
    }
    PDRectangle box = page.getCropBox();
    float centreX = box.getLowerLeftX() + (minX + maxX) / 2;
    float centreY = box.getUpperRightY() - (minY + maxY) / 2;
    return new Hit(pageIndex, centreX, centreY);
  }
}
