package cn.certhall.documents.outside;

/**
 * A PDF from outside exceeded one of its {@link PdfLimits}: the work on it stopped there. The
 * caller turns the {@link Reason} into a message in the user's language; the detail (English, for
 * the log) names only sizes and limits, never content.
 */
public final class PdfRefusedException extends RuntimeException {

  /** Which limit was exceeded. */
  public enum Reason {
    /**
     * A stream, or all streams together, decode to more bytes than allowed (a decompression bomb).
     */
    DECODED_TOO_LARGE,
    /** More pages than allowed. */
    TOO_MANY_PAGES,
    /** More indirect objects than allowed. */
    TOO_MANY_OBJECTS,
    /** An image declares more pixels than allowed. */
    IMAGE_TOO_LARGE,
    /** Decoding went on past the time budget. */
    TOO_SLOW
  }

  private final Reason reason;

  public PdfRefusedException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
