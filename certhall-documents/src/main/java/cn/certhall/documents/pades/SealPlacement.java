package cn.certhall.documents.pades;

/**
 * Where the visible seal goes: at a position on a page, or centred on a piece of text (a text
 * anchor such as "（盖章）"). Sizes and coordinates are in PDF points (1/72 inch); {@link #MM} converts
 * millimetres. The seal keeps the aspect ratio of its image; {@code width} is its width on the page
 * (a 40 mm round seal: {@code 40 * MM}).
 */
public sealed interface SealPlacement {

  /** Points per millimetre. */
  float MM = 72f / 25.4f;

  float width();

  /**
   * The seal's centre at ({@code x}, {@code y}) on page {@code page} (1 = first), measured from the
   * lower-left corner of the page's crop box, x to the right and y upwards, as PDF measures.
   */
  record Position(int page, float x, float y, float width) implements SealPlacement {
    public Position {
      if (page < 1) {
        throw new IllegalArgumentException("page numbers start at 1: " + page);
      }
      checkSize(width);
      if (!Float.isFinite(x) || !Float.isFinite(y)) {
        throw new IllegalArgumentException("position must be finite");
      }
    }

    /** The same, given in millimetres. */
    public static Position millimetres(int page, float xMm, float yMm, float widthMm) {
      return new Position(page, xMm * MM, yMm * MM, widthMm * MM);
    }
  }

  /**
   * The seal centred on the first occurrence of {@code text} in the document (pages searched in
   * order; white space in the page text and in {@code text} ignored).
   */
  record TextAnchor(String text, float width) implements SealPlacement {
    public TextAnchor {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("anchor text must not be empty");
      }
      if (text.length() > 200) {
        throw new IllegalArgumentException("anchor text longer than 200 characters");
      }
      checkSize(width);
    }
  }

  private static void checkSize(float width) {
    if (!(width >= 10 && width <= 600)) {
      throw new IllegalArgumentException("seal width must be 10 to 600 points: " + width);
    }
  }
}
