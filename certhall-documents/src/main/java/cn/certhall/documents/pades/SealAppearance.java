package cn.certhall.documents.pades;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The seal image, decoded and compressed once into the two streams a PDF image needs (RGB samples,
 * and the alpha channel as a soft mask so the paper shows through the seal's red), so every sealed
 * document only copies bytes in: re-encoding a 600 dpi PNG for each PDF would cost more than the
 * signature.
 */
public final class SealAppearance {
  private final int width;
  private final int height;
  private final byte[] rgb;
  private final byte[] alpha;

  private SealAppearance(int width, int height, byte[] rgb, byte[] alpha) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
    this.alpha = alpha;
  }

  /**
   * @throws SealingException BAD_SEAL_IMAGE if the bytes are not an image ImageIO reads (PNG, with
   *     or without transparency; JPEG) or the image is larger than 4000 pixels a side
   */
  public static SealAppearance fromImage(byte[] image) {
    BufferedImage img;
    try {
      img = image == null ? null : ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException | RuntimeException e) {
      throw new SealingException(SealingException.Reason.BAD_SEAL_IMAGE, "unreadable image", e);
    }
    if (img == null) {
      throw new SealingException(SealingException.Reason.BAD_SEAL_IMAGE, "not a PNG or JPEG image");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    if (w > 4000 || h > 4000) {
      throw new SealingException(
          SealingException.Reason.BAD_SEAL_IMAGE, "image larger than 4000 pixels: " + w + "x" + h);
    }
    byte[] rgb = new byte[w * h * 3];
    byte[] alpha = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int i = y * w + x;
        rgb[3 * i] = (byte) (argb >> 16);
        rgb[3 * i + 1] = (byte) (argb >> 8);
        rgb[3 * i + 2] = (byte) argb;
        alpha[i] = (byte) (argb >>> 24);
      }
    }
    return new SealAppearance(w, h, deflate(rgb), deflate(alpha));
  }

  private static byte[] deflate(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
      z.write(raw);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /** Height over width, to keep the seal's proportions on the page. */
  public float aspectRatio() {
    return (float) height / width;
  }

  /** The image as an XObject of {@code document}, soft mask attached. */
  PDImageXObject toImage(PDDocument document) throws IOException {
    PDImageXObject mask =
        new PDImageXObject(
            document,
            new ByteArrayInputStream(alpha),
            COSName.FLATE_DECODE,
            width,
            height,
            8,
            PDDeviceGray.INSTANCE);
    PDImageXObject image =
        new PDImageXObject(
            document,
            new ByteArrayInputStream(rgb),
            COSName.FLATE_DECODE,
            width,
            height,
            8,
            PDDeviceRGB.INSTANCE);
    image.getCOSObject().setItem(COSName.SMASK, mask);
    return image;
  }
}
