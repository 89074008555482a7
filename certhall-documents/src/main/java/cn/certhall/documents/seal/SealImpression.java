package cn.certhall.documents.seal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;

/**
 * The seal made from the seal collection form (印章采集表): from a scan or photo of the form with the
 * organization's seal impressed on it, the impression is found, cropped, its paper made transparent
 * and its ink turned seal red, at the same print resolution as the drawn seal. An image without a
 * usable impression is refused, and the caller draws the round seal instead.
 *
 * <p>Ink is told from paper and print by colour: a pixel is seal ink in proportion to how much
 * redder it is than green and blue, so black print, blue signatures and grey paper drop out
 * whatever the lighting. The impression is the largest connected patch of ink.
 */
public final class SealImpression {

  /** Redness (red minus the larger of green and blue) below which a pixel is not ink at all. */
  private static final int INK_FROM = 40;

  /** Redness from which a pixel is fully ink. */
  private static final int INK_FULL = 110;

  /** Cells of the search grid across the longer side of the image. */
  private static final int GRID = 160;

  /** A cell belongs to a patch of ink if this share of its pixels is ink. */
  private static final double CELL_INK = 0.02;

  /** Smallest impression, in pixels across: smaller is too coarse to print at 40 mm. */
  private static final int MIN_SIZE_PX = 120;

  /** Round seals are square, foreign enterprises' oval ones 45 × 30 mm. */
  private static final double MAX_ASPECT = 1.7;

  /** Share of the impression's box that is ink: a seal has rim and text, not a filled block. */
  private static final double MIN_INK_SHARE = 0.04;

  private static final double MAX_INK_SHARE = 0.7;

  private SealImpression() {}

  /**
   * Makes the seal image from the form.
   *
   * @param scan the uploaded image (JPEG, PNG, …)
   * @param widthMm the impression's real width, e.g. 42 for a company seal: the picture is scaled
   *     to print at it
   * @throws SealException with a Chinese message if the image is unreadable or has no usable
   *     impression
   */
  public static SealImage extract(byte[] scan, int widthMm) {
    if (widthMm < 10 || widthMm > 100) {
      throw new SealException("印章宽度应在 10 到 100 毫米之间");
    }
    BufferedImage image = scan == null ? null : SealPng.read(scan);
    if (image == null) {
      throw new SealException("无法读取印章采集表的图片，请上传 JPG 或 PNG 格式的扫描件或照片");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] ink = new byte[w * h];
    for (int i = 0; i < rgb.length; i++) {
      ink[i] = (byte) inkLevel(rgb[i]);
    }
    int[] box = largestPatch(ink, w, h);
    if (box == null) {
      throw noImpression();
    }
    int bw = box[2] - box[0] + 1;
    int bh = box[3] - box[1] + 1;
    if (Math.min(bw, bh) < MIN_SIZE_PX) {
      throw new SealException("印章采集表上的印模太小或分辨率太低（" + bw + " × " + bh + " 像素），请以不低于 300 dpi 重新扫描");
    }
    if (Math.max(bw, bh) > MAX_ASPECT * Math.min(bw, bh)) {
      throw noImpression();
    }
    long inked = 0;
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        inked += (ink[y * w + x] & 0xff) >= 128 ? 1 : 0;
      }
    }
    double share = inked / ((double) bw * bh);
    if (share < MIN_INK_SHARE || share > MAX_INK_SHARE) {
      throw noImpression();
    }
    return picture(ink, w, box, widthMm);
  }

  private static SealException noImpression() {
    return new SealException("未在印章采集表中找到清晰的红色印章印模；请重新扫描盖章清晰的采集表，或使用按单位名称生成的标准印章");
  }

  /** 0 for paper and print, up to 255 for seal ink. */
  static int inkLevel(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    int redness = r - Math.max(g, b);
    if (redness <= INK_FROM || r < 90) {
      return 0;
    }
    return Math.min(255, (redness - INK_FROM) * 255 / (INK_FULL - INK_FROM));
  }

  /**
   * The pixel box {minX, minY, maxX, maxY} of the largest 8-connected patch of inked grid cells,
   * gaps of one cell bridged (between rim and text), or null if there is no ink.
   */
  private static int[] largestPatch(byte[] ink, int w, int h) {
    int cell = Math.max(1, Math.max(w, h) / GRID);
    int cw = (w + cell - 1) / cell;
    int ch = (h + cell - 1) / cell;
    int[] count = new int[cw * ch];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if ((ink[y * w + x] & 0xff) >= 128) {
          count[(y / cell) * cw + x / cell]++;
        }
      }
    }
    boolean[] inked = new boolean[count.length];
    for (int i = 0; i < count.length; i++) {
      inked[i] = count[i] >= Math.max(1, CELL_INK * cell * cell);
    }
    int[] component = new int[count.length];
    int best = 0;
    long bestInk = 0;
    int[] bestBox = null;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < inked.length; start++) {
      if (!inked[start] || component[start] != 0) {
        continue;
      }
      int label = ++best;
      long total = 0;
      int[] cellBox = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
      component[start] = label;
      queue.add(start);
      while (!queue.isEmpty()) {
        int c = queue.poll();
        int cx = c % cw;
        int cy = c / cw;
        total += count[c];
        cellBox[0] = Math.min(cellBox[0], cx);
        cellBox[1] = Math.min(cellBox[1], cy);
        cellBox[2] = Math.max(cellBox[2], cx);
        cellBox[3] = Math.max(cellBox[3], cy);
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int nx = cx + dx;
            int ny = cy + dy;
            if (nx >= 0 && ny >= 0 && nx < cw && ny < ch) {
              int n = ny * cw + nx;
              if (inked[n] && component[n] == 0) {
                component[n] = label;
                queue.add(n);
              }
            }
          }
        }
      }
      if (total > bestInk) {
        bestInk = total;
        bestBox = cellBox;
      }
    }
    if (bestBox == null) {
      return null;
    }
    // from cells to the ink pixels inside them
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int y = bestBox[1] * cell; y < Math.min(h, (bestBox[3] + 1) * cell); y++) {
      for (int x = bestBox[0] * cell; x < Math.min(w, (bestBox[2] + 1) * cell); x++) {
        if ((ink[y * w + x] & 0xff) >= 128) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box[2] < 0 ? null : box;
  }

  /** The box's ink as seal red with the ink level as alpha, scaled to print at widthMm. */
  private static SealImage picture(byte[] ink, int w, int[] box, int widthMm) {
    int bw = box[2] - box[0] + 1;
    int bh = box[3] - box[1] + 1;
    int colour = RoundSeal.INK.getRGB() & 0xffffff;
    BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[bw];
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) {
        int level = ink[(box[1] + y) * w + box[0] + x] & 0xff;
        row[x] = level == 0 ? 0 : level << 24 | colour;
      }
      crop.setRGB(0, y, bw, 1, row, 0, bw);
    }
    int heightMm = (int) Math.round(widthMm * (double) bh / bw);
    int outW = SealPng.pixels(widthMm);
    int outH = (int) Math.round(outW * (double) bh / bw);
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(crop, 0, 0, outW, outH, null);
    } finally {
      g.dispose();
    }
    int[] pixels = out.getRGB(0, 0, outW, outH, null, 0, outW);
    for (int i = 0; i < pixels.length; i++) {
      int alpha = pixels[i] >>> 24;
      pixels[i] = alpha < 8 ? 0 : alpha << 24 | colour;
    }
    out.setRGB(0, 0, outW, outH, pixels, 0, outW);
    return new SealImage(SealPng.write(out), outW, outH, widthMm, heightMm);
  }
}
