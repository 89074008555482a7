package cn.certhall.app.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.sealing.SealPin;
import cn.certhall.domain.sealing.SealingRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The domain names why a PIN or a sealing is refused by message key; each key has its words in
 * Chinese and English in the app's {@code i18n/sealapp*.properties}.
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
    for (String key : keys) {
      String zh = source.getMessage(key, new Object[] {3}, Locale.SIMPLIFIED_CHINESE);
      String en = source.getMessage(key, new Object[] {3}, Locale.ENGLISH);
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
}
