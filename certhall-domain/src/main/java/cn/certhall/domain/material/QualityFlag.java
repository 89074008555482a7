package cn.certhall.domain.material;

/**
 * A photo that was accepted but may be hard to read: the applicant is told before the upload
 * completes (and may upload a better one), and the reviewer sees the flag. Message keys as for
 * {@link UploadProblem}.
 */
public enum QualityFlag {
  /**
   * The shorter side has fewer pixels than {@link UploadLimits#minShortSidePixels()}; argument:
   * that.
   */
  TOO_SMALL("material.quality.too-small"),
  /**
   * Little fine detail: the variance of the Laplacian of the grey image is below {@link
   * UploadLimits#minSharpness()} (out of focus, shaken, or heavily compressed).
   */
  BLURRY("material.quality.blurry");

  private final String messageKey;

  QualityFlag(String messageKey) {
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
