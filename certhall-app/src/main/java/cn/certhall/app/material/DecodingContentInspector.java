package cn.certhall.app.material;

import cn.certhall.domain.material.ContentInspector;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadProblem;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Proves an upload is the JPG, PNG or PDF its signature claims, with the JDK's ImageIO and PDFBox.
 *
 * <p>Images: the reader reads the header only for width and height, and the file is refused when
 * they exceed the pixel limit, before any pixel is decoded. Then the whole image is decoded, at a
 * reduced size (every n-th pixel, so at most about {@value #MEASURE_SIDE} pixels a side): every
 * byte is still read and decompressed, so truncation shows, but the memory stays small whatever
 * the photo's size. A decoder warning (libjpeg's "premature end of JPEG file") counts as damage:
 * ImageIO fills the missing part with grey instead of failing. The sharpness of the decoded image
 * is the variance of its Laplacian.
 *
 * <p>PDFs: PDFBox loads the document; an encrypted one (a user password, or only an owner
 * password) is refused, as is one without pages or with a page whose content cannot be decoded.
 * Content streams are read, not rendered (rendering would load fonts and take seconds), and at
 * most {@value #MAX_PDF_CONTENT_BYTES} bytes of them are decompressed.
 */
public final class DecodingContentInspector implements ContentInspector {
  static final int MEASURE_SIDE = 1000;
  static final long MAX_PDF_CONTENT_BYTES = 64L * 1024 * 1024;

  @Override
  public Inspection inspect(byte[] content, ContentType type, UploadLimits limits) {
    return switch (type) {
      case JPEG -> image(content, "jpeg", type, limits);
      case PNG -> image(content, "png", type, limits);
      case PDF -> pdf(content, limits);
    };
  }

  private static Inspection image(byte[] content, String format, ContentType type, UploadLimits limits) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("the JDK has no " + format + " reader");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        return Inspection.refused(UploadProblem.IMAGE_DAMAGED);
      }
      if ((long) width * height > limits.maxPixels()) {
        return Inspection.refused(UploadProblem.TOO_MANY_PIXELS);
      }
      AtomicBoolean warned = new AtomicBoolean();
      reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
      int step = Math.max(1, (Math.max(width, height) + MEASURE_SIDE - 1) / MEASURE_SIDE);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      double sharpness;
      try {
        sharpness = laplacianVariance(grey(reader.read(0, param)));
      } catch (IIOException unsupportedColours) {
        // CMYK and YCCK JPEGs (from print workflows and scanners) have no BufferedImage type in
        // the JDK; their raster decodes, and the first channel carries the detail
        if (!"jpeg".equals(format) || !reader.canReadRaster()) {
          throw unsupportedColours;
        }
        sharpness = laplacianVariance(reader.readRaster(0, param));
      }
      if (warned.get()) {
        return Inspection.refused(UploadProblem.IMAGE_DAMAGED);
      }
      return Inspection.decoded(new Measured(type, width, height, 1, sharpness));
    } catch (IOException | RuntimeException damaged) {
      return Inspection.refused(UploadProblem.IMAGE_DAMAGED);
    } finally {
      reader.dispose();
    }
  }

  private static Inspection pdf(byte[] content, UploadLimits limits) {
    try (PDDocument document = Loader.loadPDF(content)) {
      if (document.isEncrypted()) {
        return Inspection.refused(UploadProblem.PDF_ENCRYPTED);
      }
      int pages = document.getNumberOfPages();
      if (pages < 1) {
        return Inspection.refused(UploadProblem.PDF_DAMAGED);
      }
      if (pages > limits.maxPdfPages()) {
        return Inspection.refused(UploadProblem.PDF_TOO_MANY_PAGES);
      }
      long budget = MAX_PDF_CONTENT_BYTES;
      for (PDPage page : document.getPages()) {
        if (page.getMediaBox().getWidth() <= 0 || page.getMediaBox().getHeight() <= 0) {
          return Inspection.refused(UploadProblem.PDF_DAMAGED);
        }
        budget -= drain(page, budget);
      }
      return Inspection.decoded(new Measured(ContentType.PDF, 0, 0, pages, Double.NaN));
    } catch (InvalidPasswordException encrypted) {
      return Inspection.refused(UploadProblem.PDF_ENCRYPTED);
    } catch (IOException | RuntimeException damaged) {
      return Inspection.refused(UploadProblem.PDF_DAMAGED);
    }
  }

  /** Decompresses the page's content streams, at most {@code budget} bytes. */
  private static long drain(PDPage page, long budget) throws IOException {
    if (!page.hasContents()) {
      return 0;
    }
    long read = 0;
    byte[] buffer = new byte[8192];
    try (InputStream in = page.getContents()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        read += n;
        if (read > budget) {
          throw new IOException("page content beyond " + MAX_PDF_CONTENT_BYTES + " bytes");
        }
      }
    }
    return read;
  }

  private static BufferedImage grey(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  private static double laplacianVariance(BufferedImage grey) {
    return laplacianVariance(grey.getRaster());
  }

  /** Variance of the 4-neighbour Laplacian over the interior of band 0, on a 0–255 scale. */
  static double laplacianVariance(Raster raster) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    if (width < 3 || height < 3) {
      return 0;
    }
    int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
    int[] above = raster.getSamples(raster.getMinX(), raster.getMinY(), width, 1, 0, (int[]) null);
    int[] row = raster.getSamples(raster.getMinX(), raster.getMinY() + 1, width, 1, 0, (int[]) null);
    double sum = 0;
    double sumOfSquares = 0;
    long count = 0;
    for (int y = 1; y < height - 1; y++) {
      int[] below =
          raster.getSamples(raster.getMinX(), raster.getMinY() + y + 1, width, 1, 0, (int[]) null);
      for (int x = 1; x < width - 1; x++) {
        int laplacian =
            ((above[x] + below[x] + row[x - 1] + row[x + 1]) >> shift) - 4 * (row[x] >> shift);
        sum += laplacian;
        sumOfSquares += (double) laplacian * laplacian;
        count++;
      }
      above = row;
      row = below;
    }
    double mean = sum / count;
    return sumOfSquares / count - mean * mean;
  }
}
