package cn.certhall.documents.outside;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image from outside without trusting its size: the reader reads the header only, for
 * width and height, and an image declaring more pixels than allowed is refused before any pixel is
 * decoded (a 25000×25000 PNG is a few kilobytes). Then the whole image is decoded at a reduced size
 * (every n-th pixel, so at most {@code maxSide} pixels a side): every byte is still read and
 * decompressed, so truncation shows, but the memory stays small whatever the picture's size.
 */
public final class HeaderFirstImage {
  private HeaderFirstImage() {}

  /** Why an image was not decoded. */
  public enum Problem {
    /** No reader knows it, or it does not decode. */
    UNREADABLE,
    /** The header declares more pixels than allowed. */
    TOO_MANY_PIXELS
  }

  /**
   * What was read: the declared size and the subsampled picture, or the problem.
   *
   * @param image the subsampled picture; null when only the raster could be decoded (CMYK JPEG)
   * @param raster the subsampled raster (the image's, or the bare one)
   * @param damaged the decoder warned (libjpeg's "premature end of JPEG file": ImageIO fills the
   *     missing part with grey instead of failing)
   */
  public record Result(
      Problem problem, int width, int height, BufferedImage image, Raster raster, boolean damaged) {
    static Result refused(Problem problem) {
      return new Result(problem, 0, 0, null, null, false);
    }

    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * @param format the ImageIO format name ("png", "jpeg"), or null to let the content choose
   */
  public static Result read(byte[] content, String format, long maxPixels, int maxSide) {
    ImageReader reader;
    try (ImageInputStream probe =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers =
          format == null
              ? ImageIO.getImageReaders(probe)
              : ImageIO.getImageReadersByFormatName(format);
      if (!readers.hasNext()) {
        return Result.refused(Problem.UNREADABLE);
      }
      reader = readers.next();
    } catch (IOException e) {
      return Result.refused(Problem.UNREADABLE);
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        return Result.refused(Problem.UNREADABLE);
      }
      if ((long) width * height > maxPixels) {
        return new Result(Problem.TOO_MANY_PIXELS, width, height, null, null, false);
      }
      AtomicBoolean warned = new AtomicBoolean();
      reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
      int step = Math.max(1, (Math.max(width, height) + maxSide - 1) / maxSide);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      BufferedImage image = null;
      Raster raster;
      try {
        image = reader.read(0, param);
        raster = image.getRaster();
      } catch (IIOException unsupportedColours) {
        // CMYK and YCCK JPEGs (from print workflows and scanners) have no BufferedImage type in
        // the JDK; their raster decodes
        if (!reader.canReadRaster()) {
          throw unsupportedColours;
        }
        raster = reader.readRaster(0, param);
      }
      return new Result(null, width, height, image, raster, warned.get());
    } catch (IOException | RuntimeException damaged) {
      return Result.refused(Problem.UNREADABLE);
    } finally {
      reader.dispose();
    }
  }

  /** The width × height an image's header declares; -1 when no reader knows it. */
  static long declaredPixels(byte[] content) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return -1;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
