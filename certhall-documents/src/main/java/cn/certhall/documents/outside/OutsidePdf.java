package cn.certhall.documents.outside;

import cn.certhall.documents.outside.DecodeGuard.Budget;
import cn.certhall.documents.outside.PdfRefusedException.Reason;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The one way to open a PDF that came from outside (verification, materials, channels' documents,
 * anything a stranger can send): PDFBox reads it under {@link PdfLimits}. Every stream decoded
 * while the work runs — by the parser while loading, by the work itself, by a second document the
 * work opens through this class — is metered as it inflates; the number of objects and pages, and
 * the size every image declares, are checked before the work starts; new streams PDFBox makes (an
 * incremental update) live in a bounded memory cache. When a limit is hit the work stops and {@link
 * PdfRefusedException} says which, even if the work caught the first throw.
 */
public final class OutsidePdf {
  private OutsidePdf() {}

  /** Work on the open document. */
  @FunctionalInterface
  public interface Work<T> {
    T on(PDDocument document) throws IOException;
  }

  /**
   * Opens {@code pdf}, runs {@code work} on it and closes it. Inside the work of another call on
   * this thread, the outer call's budget is shared (a signed revision opened while verifying).
   *
   * @throws IOException what PDFBox or the work threw for a file it cannot read (an {@link
   *     org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException} for a password)
   * @throws PdfRefusedException when a limit was exceeded
   */
  public static <T> T read(byte[] pdf, PdfLimits limits, Work<T> work) throws IOException {
    Budget outer = DecodeGuard.current();
    Budget budget = outer != null ? outer : new Budget(limits);
    if (outer == null) {
      DecodeGuard.enter(budget);
    }
    try (PDDocument document =
        Loader.loadPDF(
            new RandomAccessReadBuffer(pdf),
            "",
            MemoryUsageSetting.setupMainMemoryOnly(budget.limits().maxDocumentBytes())
                .streamCache)) {
      structure(document, budget);
      T result = work.on(document);
      budget.throwIfRefused();
      return result;
    } catch (IOException | RuntimeException e) {
      budget.throwIfRefused();
      throw e;
    } finally {
      if (outer == null) {
        DecodeGuard.leave();
      }
    }
  }

  private static void structure(PDDocument document, Budget budget) {
    PdfLimits limits = budget.limits();
    int objects = document.getDocument().getXrefTable().size();
    if (objects > limits.maxObjects()) {
      throw budget.refuse(
          Reason.TOO_MANY_OBJECTS, objects + " objects, limit " + limits.maxObjects());
    }
    int pages = document.getNumberOfPages();
    if (pages > limits.maxPages()) {
      throw budget.refuse(Reason.TOO_MANY_PAGES, pages + " pages, limit " + limits.maxPages());
    }
    // an image without a filter never reaches the metered decoders, yet a renderer allocates the
    // raster its dictionary declares: every image's declared size is checked here, up front
    for (COSObjectKey key : document.getDocument().getXrefTable().keySet()) {
      COSObject object = document.getDocument().getObjectFromPool(key);
      if (object != null
          && object.getObject() instanceof COSStream stream
          && COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
        budget.checkPixels(stream.getLong(COSName.WIDTH, -1), stream.getLong(COSName.HEIGHT, -1));
      }
    }
  }
}
