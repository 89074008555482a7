package cn.certhall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.review.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Chinese first, English on request: every bundle of the site has the same keys in both languages,
 * and the enums the pages word by key have a key for each value.
 */
class MessageBundlesTest {
  private static final String[] PARTS = {
    "common", "history", "portal", "query", "console", "lifecycle", "sealapp", "evidence"
  };

  private static Properties load(String resource) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void every_bundle_has_the_same_keys_in_chinese_and_english() throws IOException {
    for (String part : PARTS) {
      Set<String> zh = new TreeSet<>(load("i18n/" + part + ".properties").stringPropertyNames());
      Set<String> en = new TreeSet<>(load("i18n/" + part + "_en.properties").stringPropertyNames());
      Set<String> onlyZh = new TreeSet<>(zh);
      onlyZh.removeAll(en);
      Set<String> onlyEn = new TreeSet<>(en);
      onlyEn.removeAll(zh);
      assertThat(onlyZh).as(part + ": keys with no English").isEmpty();
      assertThat(onlyEn).as(part + ": keys with no Chinese").isEmpty();
    }
  }

  @Test
  void the_consoles_reasons_are_worded_in_both_languages() throws IOException {
    for (String resource : new String[] {"i18n/console.properties", "i18n/console_en.properties"}) {
      Properties console = load(resource);
      for (RejectionReason r : RejectionReason.values()) {
        assertThat(console.getProperty("console.reject.reason." + r.name()))
            .as(resource + " " + r)
            .isNotBlank();
      }
    }
    for (String resource :
        new String[] {"i18n/lifecycle.properties", "i18n/lifecycle_en.properties"}) {
      Properties lifecycle = load(resource);
      for (RevocationChoice c : RevocationChoice.values()) {
        assertThat(lifecycle.getProperty("lifecycle.reason." + c.name()))
            .as(resource + " " + c)
            .isNotBlank();
      }
    }
    assertThat(load("i18n/console_en.properties").getProperty("console.reject.reason.OTHER"))
        .isEqualTo("Other");
  }
}
