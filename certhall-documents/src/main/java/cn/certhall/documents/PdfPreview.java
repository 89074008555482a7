package cn.certhall.documents;

import cn.certhall.documents.outside.OutsidePdf;
import cn.certhall.documents.outside.PdfLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A picture of a PDF's first page, for the seal administrator to see what is about to be sealed on
 * a phone screen (the whole document stays downloadable beside it).
 */
public final class PdfPreview {
  private PdfPreview() {}

  /**
   * The first page as a PNG about {@code widthPx} pixels wide (at most 2000 pixels high); empty
   * when PDFBox cannot read or render it, or rendering it would cost more than {@code limits}.
   */
  public static Optional<byte[]> firstPage(byte[] pdf, int widthPx, PdfLimits limits) {
    try {
      return OutsidePdf.read(
          pdf,
          limits,
          document -> {
            if (document.isEncrypted() || document.getNumberOfPages() == 0) {
              return Optional.empty();
            }
            PDRectangle box = document.getPage(0).getCropBox();
            float scale = Math.min(widthPx / box.getWidth(), 2000f / box.getHeight());
            BufferedImage image = new PDFRenderer(document).renderImage(0, scale, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Optional.of(out.toByteArray());
          });
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
