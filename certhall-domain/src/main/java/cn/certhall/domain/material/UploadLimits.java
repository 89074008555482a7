package cn.certhall.domain.material;

/**
 * The limits an uploaded material is checked against (settings of the app).
 *
 * @param maxBytes the largest file accepted
 * @param maxPixels the most pixels (width × height) an image's header may declare; this bounds the
 *     memory a decode could take, so it is checked before decoding
 * @param maxPdfPages the most pages a PDF may have
 * @param minShortSidePixels a photo whose shorter side is smaller is flagged {@link
 *     QualityFlag#TOO_SMALL}
 * @param minSharpness a photo whose sharpness (variance of the Laplacian, see {@link
 *     ContentInspector.Measured#sharpness()}) is lower is flagged {@link QualityFlag#BLURRY}
 */
public record UploadLimits(
    long maxBytes, long maxPixels, int maxPdfPages, int minShortSidePixels, double minSharpness) {

  /**
   * 10 MB, 40 megapixels (a 12 MP phone photo has 12; a decoded 40 MP image is 160 MB, which the
   * inspector avoids by decoding at a reduced size), 20 pages, 600 px (an ID card photographed at
   * that size is still legible), sharpness 30 (measured on images scaled to about 1,000 px).
   */
  public static final UploadLimits DEFAULT =
      new UploadLimits(10L * 1024 * 1024, 40_000_000L, 20, 600, 30.0);

  public UploadLimits {
    if (maxBytes < 1
        || maxPixels < 1
        || maxPdfPages < 1
        || minShortSidePixels < 0
        || minSharpness < 0) {
      throw new IllegalArgumentException("upload limits must be positive");
    }
  }
}
