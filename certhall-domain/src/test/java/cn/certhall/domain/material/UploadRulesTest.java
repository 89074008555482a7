package cn.certhall.domain.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The order of the checks and the wording; the real decoding is tested in the app's adapter. */
class UploadRulesTest {
  static final UploadLimits LIMITS = new UploadLimits(1000, 1_000_000, 3, 600, 30.0);

  final List<ContentType> inspected = new ArrayList<>();
  ContentInspector.Inspection answer;
  final UploadRules rules =
      new UploadRules(
          (content, type, limits) -> {
            inspected.add(type);
            return answer;
          },
          LIMITS);

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void an_empty_file_is_refused_first() {
    UploadCheck check = rules.check(new byte[0]);
    assertThat(check.problem()).isEqualTo(UploadProblem.EMPTY);
    assertThat(UploadMessages.message(check, Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("文件是空的，请重新选择文件上传");
    assertThat(UploadMessages.message(check, Locale.ENGLISH))
        .isEqualTo("The file is empty. Choose the file again.");
    assertThat(inspected).isEmpty();
  }

  @Test
  void a_file_over_the_limit_is_refused_before_its_type_is_looked_at() {
    UploadLimits tenMb = new UploadLimits(10L * 1024 * 1024, 1_000_000, 3, 600, 30.0);
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    big[0] = 'M';
    big[1] = 'Z';
    UploadCheck check = new UploadRules((c, t, l) -> answer, tenMb).check(big);
    assertThat(check.problem()).isEqualTo(UploadProblem.TOO_LARGE);
    assertThat(UploadMessages.message(check, Locale.CHINA)).isEqualTo("文件过大，不能超过 10 MB，请压缩后再上传");
    assertThat(UploadMessages.message(check, Locale.US)).contains("at most 10 MB");
  }

  @Test
  void programs_get_their_own_message_whatever_the_name() {
    for (String program :
        List.of("MZ\u0090\u0000", "\u007fELF\u0002", "#!/bin/sh\n", "\u00cf\u00fa\u00ed\u00fe")) {
      UploadCheck check = rules.check(bytes(program));
      assertThat(check.problem()).as(program).isEqualTo(UploadProblem.EXECUTABLE);
    }
    assertThat(UploadMessages.message(rules.check(bytes("MZ")), Locale.CHINA))
        .startsWith("该文件是程序文件");
    assertThat(inspected).isEmpty();
  }

  @Test
  void anything_but_the_three_signatures_is_unsupported() {
    for (String other : List.of("GIF89a", "PK\u0003\u0004", "<html>", "%PD", "\u00ff\u00d8")) {
      assertThat(rules.check(bytes(other)).problem())
          .as(other)
          .isEqualTo(UploadProblem.UNSUPPORTED_TYPE);
    }
    assertThat(inspected).isEmpty();
  }

  @Test
  void the_signature_picks_the_decoder() {
    answer = ContentInspector.Inspection.refused(UploadProblem.IMAGE_DAMAGED);
    rules.check(bytes("\u00ff\u00d8\u00ff\u00e0"));
    rules.check(bytes("\u0089PNG\r\n\u001a\n"));
    answer = ContentInspector.Inspection.refused(UploadProblem.PDF_DAMAGED);
    rules.check(bytes("%PDF-1.7"));
    assertThat(inspected).containsExactly(ContentType.JPEG, ContentType.PNG, ContentType.PDF);
  }

  @Test
  void limits_from_the_decoder_are_worded_with_the_limit() {
    answer = ContentInspector.Inspection.refused(UploadProblem.TOO_MANY_PIXELS);
    UploadCheck check = rules.check(bytes("\u0089PNG\r\n\u001a\n"));
    assertThat(UploadMessages.message(check, Locale.CHINA))
        .isEqualTo("图片分辨率过高，像素总数不能超过 1 百万，请缩小后再上传");
    answer = ContentInspector.Inspection.refused(UploadProblem.PDF_TOO_MANY_PAGES);
    assertThat(UploadMessages.message(rules.check(bytes("%PDF-1.7")), Locale.ENGLISH))
        .isEqualTo("The PDF has too many pages: at most 3.");
  }

  @Test
  void small_and_blurred_photos_are_accepted_with_flags() {
    answer =
        ContentInspector.Inspection.decoded(
            new ContentInspector.Measured(ContentType.JPEG, 800, 599, 1, 29.9));
    UploadCheck check = rules.check(bytes("\u00ff\u00d8\u00ff\u00e0"));
    assertThat(check.isAccepted()).isTrue();
    assertThat(check.flags()).containsExactlyInAnyOrder(QualityFlag.TOO_SMALL, QualityFlag.BLURRY);
    assertThat(UploadMessages.message(QualityFlag.TOO_SMALL, LIMITS, Locale.CHINA))
        .contains("短边不足 600 像素");

    answer =
        ContentInspector.Inspection.decoded(
            new ContentInspector.Measured(ContentType.JPEG, 800, 600, 1, 30.0));
    assertThat(rules.check(bytes("\u00ff\u00d8\u00ff\u00e0")).flags()).isEmpty();

    answer =
        ContentInspector.Inspection.decoded(
            new ContentInspector.Measured(ContentType.PDF, 0, 0, 2, Double.NaN));
    assertThat(rules.check(bytes("%PDF-1.4")).flags()).as("a PDF has no pixel size").isEmpty();
  }

  @Test
  void every_problem_and_flag_has_both_wordings() {
    for (UploadProblem problem : UploadProblem.values()) {
      String zh = UploadMessages.message(problem, List.of(5), Locale.CHINA);
      String en = UploadMessages.message(problem, List.of(5), Locale.ENGLISH);
      assertThat(zh).as(problem.name()).isNotBlank().doesNotContain("{").matches(".*\\p{IsHan}.*");
      assertThat(en)
          .as(problem.name())
          .isNotBlank()
          .doesNotContain("{")
          .doesNotMatch(".*\\p{IsHan}.*");
    }
    for (QualityFlag flag : QualityFlag.values()) {
      assertThat(UploadMessages.message(flag, LIMITS, Locale.ENGLISH)).doesNotContain("{");
      assertThat(UploadMessages.message(flag, LIMITS, Locale.CHINA)).matches(".*\\p{IsHan}.*");
    }
  }
}
