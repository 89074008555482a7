package cn.certhall.documents.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.documents.outside.PdfRefusedException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/** Each limit of {@link OutsidePdf}, on documents made to exceed it by a little. */
class OutsidePdfTest {
  static final long MB = 1 << 20;

  static PdfLimits limits(long stream, long document, int pages, int objects, Duration time) {
    return new PdfLimits(stream, document, pages, objects, 40_000_000L, time);
  }

  /** Pages whose content streams (FlateDecode) each decode to {@code bytes} spaces. */
  static byte[] pages(int count, long bytes) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < count; i++) {
        PDPage page = new PDPage();
        COSStream content = doc.getDocument().createCOSStream();
        try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
          byte[] spaces = " ".repeat(1 << 16).getBytes();
          for (long left = bytes; left > 0; left -= spaces.length) {
            out.write(spaces, 0, (int) Math.min(spaces.length, left));
          }
        }
        page.getCOSObject().setItem(COSName.CONTENTS, content);
        doc.addPage(page);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static long drain(PDDocument document) throws IOException {
    long n = 0;
    for (PDPage page : document.getPages()) {
      try (InputStream in = page.getContents()) {
        n += in.transferTo(OutputStream.nullOutputStream());
      }
    }
    return n;
  }

  @Test
  void withinTheLimitsTheWorkRunsAndDecodesEverything() throws IOException {
    byte[] pdf = pages(2, 3 * MB);
    assertThat(
            OutsidePdf.read(
                pdf, limits(4 * MB, 8 * MB, 2, 100, Duration.ofSeconds(30)), OutsidePdfTest::drain))
        .isEqualTo(6 * MB);
  }

  @Test
  void aStreamDecodingBeyondItsLimitIsStoppedWhileInflating() throws IOException {
    byte[] pdf = pages(1, 40 * MB);
    assertThat(pdf.length).isLessThan((int) MB);
    assertThatThrownBy(
            () ->
                OutsidePdf.read(
                    pdf,
                    limits(4 * MB, 8 * MB, 10, 100, Duration.ofSeconds(30)),
                    OutsidePdfTest::drain))
        .isInstanceOfSatisfying(
            PdfRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DECODED_TOO_LARGE));
  }

  @Test
  void streamsTogetherBeyondTheDocumentsLimitAreStoppedEvenIfTheWorkCatchesTheFirstRefusal()
      throws IOException {
    byte[] pdf = pages(3, 3 * MB);
    assertThatThrownBy(
            () ->
                OutsidePdf.read(
                    pdf,
                    limits(4 * MB, 8 * MB, 10, 100, Duration.ofSeconds(30)),
                    document -> {
                      try {
                        return drain(document);
                      } catch (RuntimeException swallowed) {
                        return -1L;
                      }
                    }))
        .isInstanceOfSatisfying(
            PdfRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DECODED_TOO_LARGE));
  }

  @Test
  void tooManyPagesOrObjectsAreRefusedBeforeTheWork() throws IOException {
    byte[] pdf = pages(3, 10);
    assertThatThrownBy(
            () -> OutsidePdf.read(pdf, limits(MB, MB, 2, 100, Duration.ofSeconds(30)), d -> 0))
        .isInstanceOfSatisfying(
            PdfRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PAGES));
    assertThatThrownBy(
            () -> OutsidePdf.read(pdf, limits(MB, MB, 10, 4, Duration.ofSeconds(30)), d -> 0))
        .isInstanceOfSatisfying(
            PdfRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_OBJECTS));
  }

  @Test
  void decodingPastTheTimeBudgetIsStopped() throws IOException {
    byte[] pdf = pages(1, 3 * MB);
    assertThatThrownBy(
            () ->
                OutsidePdf.read(
                    pdf,
                    limits(4 * MB, 8 * MB, 10, 100, Duration.ofNanos(1)),
                    OutsidePdfTest::drain))
        .isInstanceOfSatisfying(
            PdfRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SLOW));
  }

  @Test
  void outsideAnOutsideDocumentPdfBoxDecodesUnmetered() throws IOException {
    byte[] pdf = pages(1, 5 * MB);
    OutsidePdf.read(
        pdf, limits(8 * MB, 8 * MB, 10, 100, Duration.ofSeconds(30)), OutsidePdfTest::drain);
    try (PDDocument ours = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      assertThat(drain(ours)).as("our own documents are not limited").isEqualTo(5 * MB);
    }
  }
}
