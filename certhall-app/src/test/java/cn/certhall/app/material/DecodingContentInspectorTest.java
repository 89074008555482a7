package cn.certhall.app.material;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.domain.material.ContentInspector.Inspection;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.material.UploadCheck;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadProblem;
import cn.certhall.domain.material.UploadRules;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real decoders on real and broken files. */
class DecodingContentInspectorTest {
  static final UploadLimits LIMITS = UploadLimits.DEFAULT;
  final DecodingContentInspector inspector = new DecodingContentInspector(PdfLimits.DEFAULT);
  final UploadRules rules = new UploadRules(inspector, LIMITS);

  @Test
  void a_sharp_photo_is_measured() {
    Inspection inspection =
        inspector.inspect(
            UploadSamples.jpeg(UploadSamples.document(1600, 1200)), ContentType.JPEG, LIMITS);
    assertThat(inspection.problem()).isNull();
    assertThat(inspection.measured().width()).isEqualTo(1600);
    assertThat(inspection.measured().height()).isEqualTo(1200);
    assertThat(inspection.measured().sharpness()).isGreaterThan(LIMITS.minSharpness() * 3);
    assertThat(rules.check(UploadSamples.png(UploadSamples.document(1600, 1200))).flags())
        .isEmpty();
  }

  @Test
  void a_blurred_photo_and_a_small_one_are_flagged_not_refused() {
    // a Gaussian blur of 8 px (4 px at the measuring size) leaves the 40 px text unreadable
    UploadCheck blurred = rules.check(UploadSamples.jpeg(UploadSamples.blurred(1600, 1200, 8)));
    assertThat(blurred.isAccepted()).isTrue();
    assertThat(blurred.flags()).containsExactly(QualityFlag.BLURRY);
    assertThat(blurred.measured().sharpness()).isLessThan(LIMITS.minSharpness());

    assertThat(rules.check(UploadSamples.jpeg(UploadSamples.blurred(1600, 1200, 1))).flags())
        .as("slightly soft is fine")
        .isEmpty();

    UploadCheck small = rules.check(UploadSamples.jpeg(UploadSamples.document(640, 400)));
    assertThat(small.isAccepted()).isTrue();
    assertThat(small.flags()).contains(QualityFlag.TOO_SMALL);
  }

  @Test
  void a_truncated_jpeg_is_damaged() {
    byte[] jpeg = UploadSamples.jpeg(UploadSamples.document(1600, 1200));
    assertThat(rules.check(UploadSamples.truncated(jpeg, 0.6)).problem())
        .isEqualTo(UploadProblem.IMAGE_DAMAGED);
    assertThat(rules.check(UploadSamples.truncated(jpeg, 0.02)).problem())
        .isEqualTo(UploadProblem.IMAGE_DAMAGED);
  }

  @Test
  void a_truncated_png_is_damaged() {
    byte[] png = UploadSamples.png(UploadSamples.document(1600, 1200));
    assertThat(rules.check(UploadSamples.truncated(png, 0.5)).problem())
        .isEqualTo(UploadProblem.IMAGE_DAMAGED);
  }

  @Test
  void a_png_bomb_is_refused_from_its_header_before_decoding() {
    byte[] bomb = UploadSamples.pngBomb(100_000, 100_000);
    assertThat(bomb.length).isLessThan(10_000);
    long before = System.nanoTime();
    assertThat(inspector.inspect(bomb, ContentType.PNG, LIMITS).problem())
        .isEqualTo(UploadProblem.TOO_MANY_PIXELS);
    assertThat(System.nanoTime() - before)
        .as("no decode of 10^10 pixels")
        .isLessThan(2_000_000_000L);
  }

  @Test
  void pdfs_are_parsed_and_encrypted_or_broken_ones_refused() {
    Inspection good =
        inspector.inspect(UploadSamples.pdf("Business licence"), ContentType.PDF, LIMITS);
    assertThat(good.problem()).isNull();
    assertThat(good.measured().pages()).isEqualTo(1);

    assertThat(rules.check(UploadSamples.encryptedPdf()).problem())
        .isEqualTo(UploadProblem.PDF_ENCRYPTED);
    assertThat(
            rules
                .check("%PDF-1.7\nthis is not a PDF at all\n".getBytes(StandardCharsets.US_ASCII))
                .problem())
        .isEqualTo(UploadProblem.PDF_DAMAGED);
    UploadLimits onePage = new UploadLimits(LIMITS.maxBytes(), LIMITS.maxPixels(), 1, 600, 30);
    assertThat(inspector.inspect(twoPages(), ContentType.PDF, onePage).problem())
        .isEqualTo(UploadProblem.PDF_TOO_MANY_PAGES);
  }

  @Test
  void a_renamed_program_is_refused_by_content() {
    assertThat(rules.check(UploadSamples.windowsProgram()).problem())
        .isEqualTo(UploadProblem.EXECUTABLE);
  }

  private static byte[] twoPages() {
    try (var document = new org.apache.pdfbox.pdmodel.PDDocument()) {
      document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      var out = new java.io.ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
