package cn.certhall.app.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.documents.pades.SealingException;
import cn.certhall.domain.sealing.SealPin;
import cn.certhall.domain.sealing.SealingRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The domain names why a PIN or a sealing is refused, and why sealing a PDF failed, by message key
 * or code; each has its words in Chinese and English in the app's {@code i18n/sealapp*.properties},
 * as has the seal's placement.
 */
class SealAppMessagesTest {

  private static ResourceBundleMessageSource source() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/sealapp");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @Test
  void every_pin_problem_and_refusal_has_chinese_and_english_words() {
    ResourceBundleMessageSource source = source();
    List<String> keys = new ArrayList<>();
    for (SealPin.Problem p : SealPin.Problem.values()) {
      keys.add(p.messageKey());
    }
    for (SealingRefusal r : SealingRefusal.values()) {
      keys.add(r.messageKey());
    }
    // the codes PadesDocumentSealer gives a failed sealing
    for (SealingException.Reason r : SealingException.Reason.values()) {
      keys.add("sealapp.failure." + r.name().toLowerCase(Locale.ROOT));
    }
    keys.add("sealapp.placement.text");
    keys.add("sealapp.placement.position");
    for (String key : keys) {
      String zh = source.getMessage(key, new Object[] {3, 3, 3}, Locale.SIMPLIFIED_CHINESE);
      String en = source.getMessage(key, new Object[] {3, 3, 3}, Locale.ENGLISH);
      assertThat(zh).as(key).containsPattern("\\p{IsHan}").doesNotContain("{");
      assertThat(en).as(key).doesNotContainPattern("\\p{IsHan}").doesNotContain("{");
      assertThat(en).as(key + " keeps its apostrophes").doesNotContain("organizations certificate");
    }
  }

  @Test
  void the_wrong_pin_message_says_how_many_tries_are_left() {
    ResourceBundleMessageSource source = source();
    String key = SealingRefusal.PIN_WRONG.messageKey();
    assertThat(source.getMessage(key, new Object[] {2}, Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("用章密码错误，还可尝试 2 次。");
    assertThat(source.getMessage(key, new Object[] {2}, Locale.ENGLISH))
        .isEqualTo("Wrong seal PIN; 2 tries left.");
    assertThat(
            source.getMessage(
                SealPin.Problem.TOO_SIMPLE.messageKey(), null, Locale.SIMPLIFIED_CHINESE))
        .contains("过于简单");
  }

  @Test
  void the_placement_is_worded_in_the_readers_language() {
    ResourceBundleMessageSource source = source();
    Object[] args = {"1", "35", "71"};
    assertThat(source.getMessage("sealapp.placement.position", args, Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("第 1 页（距左 35 mm，距下 71 mm）");
    assertThat(source.getMessage("sealapp.placement.position", args, Locale.ENGLISH))
        .isEqualTo("Page 1 (35 mm from the left, 71 mm from the bottom)");
    assertThat(source.getMessage("sealapp.placement.text", new Object[] {"甲方（盖章）"}, Locale.ENGLISH))
        .isEqualTo("At the text “甲方（盖章）”");
  }
}
