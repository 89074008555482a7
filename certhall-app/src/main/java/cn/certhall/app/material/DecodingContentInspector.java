package cn.certhall.app.material;

import cn.certhall.documents.outside.ActiveContent;
import cn.certhall.documents.outside.HeaderFirstImage;
import cn.certhall.documents.outside.OutsidePdf;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.domain.material.ContentInspector;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadProblem;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Proves an upload is the JPG, PNG or PDF its signature claims, with the JDK's ImageIO and PDFBox.
 *
 * <p>Images ({@link HeaderFirstImage}): the reader reads the header only for width and height, and
 * the file is refused when they exceed the pixel limit, before any pixel is decoded. Then the whole
 * image is decoded at a reduced size (at most about {@value #MEASURE_SIDE} pixels a side): every
 * byte is still read and decompressed, so truncation shows, but the memory stays small whatever the
 * photo's size. A decoder warning counts as damage. The sharpness of the decoded image is the
 * variance of its Laplacian.
 *
 * <p>PDFs are read under the outside-PDF limits ({@link OutsidePdf}: decoded bytes metered while
 * inflating, objects, pages, time); one beyond them is refused as too complex. An encrypted one (a
 * user password, or only an owner password) is refused, as is one without pages, with a page whose
 * content cannot be decoded, or with active content ({@link ActiveContent}: scripts, launch
 * actions, embedded files, XFA, rich media), which reviewers' PDF viewers could run. Content
 * streams are read, not rendered (rendering would load fonts and take seconds).
 */
public final class DecodingContentInspector implements ContentInspector {
  static final int MEASURE_SIDE = 1000;

  private final PdfLimits pdfLimits;

  public DecodingContentInspector(PdfLimits pdfLimits) {
    this.pdfLimits = pdfLimits;
  }

  @Override
  public Inspection inspect(byte[] content, ContentType type, UploadLimits limits) {
    return switch (type) {
      case JPEG -> image(content, "jpeg", type, limits);
      case PNG -> image(content, "png", type, limits);
      case PDF -> pdf(content, limits);
    };
  }

  private static Inspection image(
      byte[] content, String format, ContentType type, UploadLimits limits) {
    HeaderFirstImage.Result read =
        HeaderFirstImage.read(content, format, limits.maxPixels(), MEASURE_SIDE);
    if (read.problem() == HeaderFirstImage.Problem.TOO_MANY_PIXELS) {
      return Inspection.refused(UploadProblem.TOO_MANY_PIXELS);
    }
    if (!read.ok() || read.damaged()) {
      return Inspection.refused(UploadProblem.IMAGE_DAMAGED);
    }
    // CMYK and YCCK JPEGs decode only as a raster, whose first channel carries the detail
    double sharpness =
        read.image() != null
            ? laplacianVariance(grey(read.image()))
            : laplacianVariance(read.raster());
    return Inspection.decoded(new Measured(type, read.width(), read.height(), 1, sharpness));
  }

  private Inspection pdf(byte[] content, UploadLimits limits) {
    try {
      return OutsidePdf.read(content, pdfLimits, document -> pdf(document, limits));
    } catch (InvalidPasswordException encrypted) {
      return Inspection.refused(UploadProblem.PDF_ENCRYPTED);
    } catch (PdfRefusedException tooMuch) {
      return Inspection.refused(
          tooMuch.reason() == PdfRefusedException.Reason.TOO_MANY_PAGES
              ? UploadProblem.PDF_TOO_MANY_PAGES
              : UploadProblem.PDF_TOO_COMPLEX);
    } catch (IOException | RuntimeException damaged) {
      return Inspection.refused(UploadProblem.PDF_DAMAGED);
    }
  }

  private static Inspection pdf(PDDocument document, UploadLimits limits) throws IOException {
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
    if (!ActiveContent.in(document).isEmpty()) {
      return Inspection.refused(UploadProblem.PDF_ACTIVE_CONTENT);
    }
    for (PDPage page : document.getPages()) {
      if (page.getMediaBox().getWidth() <= 0 || page.getMediaBox().getHeight() <= 0) {
        return Inspection.refused(UploadProblem.PDF_DAMAGED);
      }
      drain(page);
    }
    return Inspection.decoded(new Measured(ContentType.PDF, 0, 0, pages, Double.NaN));
  }

  /**
   * Decompresses the page's content streams (metered by {@link OutsidePdf}), proving they decode.
   */
  private static void drain(PDPage page) throws IOException {
    if (!page.hasContents()) {
      return;
    }
    try (InputStream in = page.getContents()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
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
    int[] row =
        raster.getSamples(raster.getMinX(), raster.getMinY() + 1, width, 1, 0, (int[]) null);
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
