package cn.certhall.documents.pades;

/**
 * Why a PDF could not be sealed, as a {@link Reason} the caller turns into a message in the user's
 * language, and a detail in English for the log (never containing document content beyond the
 * anchor text the caller gave).
 */
public final class SealingException extends RuntimeException {

  /** What went wrong, each a different answer to the user. */
  public enum Reason {
    /** The bytes are not a PDF PDFBox can read. */
    NOT_A_PDF,
    /** The PDF is encrypted; sealing it would need its password and change its protection. */
    ENCRYPTED,
    /** The placement names a page the document does not have. */
    NO_SUCH_PAGE,
    /** The anchor text does not occur in the document. */
    ANCHOR_NOT_FOUND,
    /** The seal would lie wholly or partly outside the page. */
    OUTSIDE_PAGE,
    /** The seal image is not a PNG (or JPEG) that can be read. */
    BAD_SEAL_IMAGE,
    /** Signing, time-stamping or writing failed inside (key store, TSA, I/O). */
    FAILED
  }

  private final Reason reason;

  public SealingException(Reason reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
  }

  public SealingException(Reason reason, String detail) {
    this(reason, detail, null);
  }

  public Reason reason() {
    return reason;
  }
}
