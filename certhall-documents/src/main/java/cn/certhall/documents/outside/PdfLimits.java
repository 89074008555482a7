package cn.certhall.documents.outside;

import java.time.Duration;

/**
 * How much work a PDF from outside (an upload, a channel's document) may cost before it is refused:
 * decoded bytes per stream and for the whole document (counted while PDFBox inflates, across every
 * decode made while it is open, re-decodes included), pages, indirect objects, declared image
 * pixels and wall time.
 */
public record PdfLimits(
    long maxStreamBytes,
    long maxDocumentBytes,
    int maxPages,
    int maxObjects,
    long maxImagePixels,
    Duration timeBudget) {

  /** Enough for a scanned 20-page document or a long contract; far below a heap's worth. */
  public static final PdfLimits DEFAULT =
      new PdfLimits(64L << 20, 256L << 20, 1000, 200_000, 40_000_000L, Duration.ofSeconds(10));

  public PdfLimits {
    if (maxStreamBytes < 1 || maxDocumentBytes < maxStreamBytes) {
      throw new IllegalArgumentException("need 0 < max stream bytes <= max document bytes");
    }
    if (maxPages < 1 || maxObjects < 1 || maxImagePixels < 1) {
      throw new IllegalArgumentException("page, object and pixel limits must be positive");
    }
    if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive");
    }
  }
}
