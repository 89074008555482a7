package cn.certhall.app.lifecycle;

import java.awt.image.BufferedImage;

/** Seal pictures compared as the seal tests of certhall-documents compare them: ink per cell. */
final class SealPictures {
  private SealPictures() {}

  /**
   * Share of cells (on a grid of {@code cells} per side) whose ink coverage (alpha) differs by more
   * than a fifth between two seal pictures of possibly different pixel sizes.
   */
  static double cellDifference(BufferedImage a, BufferedImage b, int cells) {
    double[] ca = coverage(a, cells);
    double[] cb = coverage(b, cells);
    int differing = 0;
    for (int i = 0; i < ca.length; i++) {
      differing += Math.abs(ca[i] - cb[i]) > 0.2 ? 1 : 0;
    }
    return differing / (double) ca.length;
  }

  private static double[] coverage(BufferedImage image, int cells) {
    double[] sum = new double[cells * cells];
    int[] n = new int[cells * cells];
    int w = image.getWidth();
    int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        int c = (y * cells / image.getHeight()) * cells + x * cells / w;
        sum[c] += (argb[y * w + x] >>> 24) / 255.0;
        n[c]++;
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= n[i];
    }
    return sum;
  }
}
