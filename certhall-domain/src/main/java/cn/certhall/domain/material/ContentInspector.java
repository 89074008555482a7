package cn.certhall.domain.material;

/**
 * Decodes an upload whose first bytes say JPG, PNG or PDF, to prove that it really is one: the
 * app's adapter uses ImageIO and PDFBox. An adapter must read an image's declared width and height
 * from its header and refuse {@link UploadProblem#TOO_MANY_PIXELS} <b>before</b> decoding, so a
 * small file declaring a huge image (a decompression bomb) never gets memory for its pixels.
 */
public interface ContentInspector {

  /**
   * @param content the whole file, already within {@link UploadLimits#maxBytes()}
   * @param type what its signature says it is
   */
  Inspection inspect(byte[] content, ContentType type, UploadLimits limits);

  /**
   * What a decode found.
   *
   * @param width pixels, 0 for a PDF
   * @param height pixels, 0 for a PDF
   * @param pages 1 for an image
   * @param sharpness the variance of the Laplacian of the grey image (0–255 scale), scaled so its
   *     longer side is at most about 1,000 pixels; NaN for a PDF
   */
  record Measured(ContentType type, int width, int height, int pages, double sharpness) {}

  /** Either what was measured, or why the file was refused. */
  record Inspection(Measured measured, UploadProblem problem) {
    public Inspection {
      if ((measured == null) == (problem == null)) {
        throw new IllegalArgumentException("an inspection measures or refuses");
      }
    }

    public static Inspection decoded(Measured measured) {
      return new Inspection(measured, null);
    }

    public static Inspection refused(UploadProblem problem) {
      return new Inspection(null, problem);
    }
  }
}
