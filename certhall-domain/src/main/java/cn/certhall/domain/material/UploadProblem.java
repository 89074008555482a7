package cn.certhall.domain.material;

/**
 * Why an upload was refused (nothing of it is stored), as a stable code with a message key; the
 * wording in Chinese and English is in {@code UploadMessages*.properties} beside this class ({@link
 * UploadMessages}).
 */
public enum UploadProblem {
  /** The file has no bytes. */
  EMPTY("material.upload.empty"),
  /** Larger than {@link UploadLimits#maxBytes()}; argument: the limit in MB. */
  TOO_LARGE("material.upload.too-large"),
  /** A program (exe, ELF, script) whatever its name says. */
  EXECUTABLE("material.upload.executable"),
  /** Neither JPG, PNG nor PDF by its content. */
  UNSUPPORTED_TYPE("material.upload.unsupported-type"),
  /**
   * The image's header declares more pixels than {@link UploadLimits#maxPixels()} (a decompression
   * bomb, or a photo far larger than needed); argument: the limit in megapixels. Refused before
   * decoding.
   */
  TOO_MANY_PIXELS("material.upload.too-many-pixels"),
  /** A JPG or PNG that does not decode to its end (truncated, damaged). */
  IMAGE_DAMAGED("material.upload.image-damaged"),
  /** A PDF that does not parse, or has no pages. */
  PDF_DAMAGED("material.upload.pdf-damaged"),
  /** A PDF with a password or other encryption: reviewers could not be sure to read it. */
  PDF_ENCRYPTED("material.upload.pdf-encrypted"),
  /** More pages than {@link UploadLimits#maxPdfPages()}; argument: the limit. */
  PDF_TOO_MANY_PAGES("material.upload.pdf-too-many-pages"),
  /**
   * A PDF whose streams decode to more than the outside-PDF limits allow (a decompression bomb), or
   * that is too complex to read within them.
   */
  PDF_TOO_COMPLEX("material.upload.pdf-too-complex"),
  /**
   * A PDF with active content (JavaScript, launch actions, embedded files, XFA forms, rich media)
   * that a reviewer's PDF viewer could run.
   */
  PDF_ACTIVE_CONTENT("material.upload.pdf-active-content");

  private final String messageKey;

  UploadProblem(String messageKey) {
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
