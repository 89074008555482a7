package cn.certhall.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.verification.AdministratorMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every history note key the code writes has its words in Chinese and in English, and a note is
 * shown in the reader's language (not stored in one).
 */
class HistoryNotesTest {
  private static final Pattern KEY = Pattern.compile("\"(history\\.[A-Za-z0-9_.]+)\"");

  private static HistoryNotes notes() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/history");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    source.setUseCodeAsDefaultMessage(false);
    return new HistoryNotes(source);
  }

  /** The keys in the main code: literal ones, and the ones a literal prefix makes with an enum. */
  private static Set<String> keysInCode() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String module : new String[] {"../certhall-domain/src/main/java", "src/main/java"}) {
      try (Stream<Path> files = Files.walk(Path.of(module))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = KEY.matcher(Files.readString(file));
          while (m.find()) {
            keys.add(m.group(1));
          }
        }
      }
    }
    Set<String> expanded = new TreeSet<>();
    for (String key : keys) {
      if (!key.endsWith(".")) {
        expanded.add(key);
        continue;
      }
      Stream<String> names =
          switch (key) {
            case "history.lifecycle.revocationVerified.",
                "history.lifecycle.revoked.",
                "history.lifecycle.revokedPair." ->
                Stream.of(RevocationChoice.values()).map(Enum::name);
            case "history.review.rejected." ->
                Stream.of(RejectionReason.values())
                    .flatMap(
                        r ->
                            r == RejectionReason.OTHER
                                ? Stream.of("OTHER.text")
                                : Stream.of(r.name(), r.name() + ".text"));
            case "history.lifecycle.handlerVerified." ->
                Stream.of(AdministratorMethod.values())
                    .flatMap(m -> Stream.of(m.name(), m.name() + ".reconfirmed"));
            default -> throw new AssertionError("a key prefix this test does not know: " + key);
          };
      names.forEach(name -> expanded.add(key + name));
    }
    expanded.add("history.lifecycle.administratorVerified.reconfirmed");
    expanded.remove(HistoryNote.TEXT);
    return expanded;
  }

  @Test
  void every_key_in_the_code_has_chinese_and_english_words() throws IOException {
    HistoryNotes notes = notes();
    Set<String> keys = keysInCode();
    assertThat(keys)
        .hasSizeGreaterThan(40)
        .contains("history.review.approved", "history.payment.paid");
    for (String key : keys) {
      HistoryNote note = new HistoryNote(key, java.util.List.of("A1", "B2", "C3"));
      String zh = notes.render(note, Locale.SIMPLIFIED_CHINESE);
      String en = notes.render(note, Locale.ENGLISH);
      assertThat(zh).as(key + " in Chinese").isNotEqualTo(note.toString()).doesNotContain("{");
      assertThat(en)
          .as(key + " in English")
          .isNotEqualTo(note.toString())
          .doesNotContain("{")
          .doesNotContainPattern("\\p{IsHan}");
    }
  }

  @Test
  void a_note_is_shown_in_the_readers_language_with_its_arguments() {
    HistoryNote paid = HistoryNote.of("history.payment.paid", "300.00");
    assertThat(notes().render(paid, Locale.SIMPLIFIED_CHINESE)).isEqualTo("支付成功 300.00 元");
    assertThat(notes().render(paid, Locale.ENGLISH)).isEqualTo("Paid CNY 300.00");
    HistoryNote rejected = HistoryNote.of("history.review.rejected.ID_MISMATCH.text", "证件照片模糊");
    assertThat(notes().render(rejected, Locale.ENGLISH))
        .isEqualTo("The handler's ID document does not match the form (证件照片模糊)");
  }

  @Test
  void a_line_from_before_keys_shows_its_text_and_an_unknown_key_shows_itself() {
    assertThat(notes().render(HistoryNote.text("审核通过"), Locale.ENGLISH)).isEqualTo("审核通过");
    assertThat(notes().render(HistoryNote.of("history.no.such.key", "x"), Locale.ENGLISH))
        .isEqualTo("history.no.such.key[x]");
    assertThat(notes().render(null, Locale.ENGLISH)).isNull();
  }

  @Test
  void keys_and_arguments_are_checked() {
    assertThatThrownBy(() -> HistoryNote.of("审核通过")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryNote.of("history.x", "a\u001fb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryNote.of("history.x", "x".repeat(501)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
