package cn.certhall.app.material;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.material.UploadProblem;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The pages' message source (spring.messages) words upload problems as the domain does. */
class UploadMessageSourceTest {

  @Test
  void the_site_message_source_lists_the_upload_bundle() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application", new ClassPathResource("application.yml"))
        .forEach(environment.getPropertySources()::addLast);
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames(environment.getProperty("spring.messages.basename").split(","));
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);

    for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
      assertThat(source.getMessage(UploadProblem.TOO_LARGE.messageKey(), new Object[] {10}, locale))
          .isEqualTo(UploadMessages.message(UploadProblem.TOO_LARGE, List.of(10), locale));
      assertThat(source.getMessage(QualityFlag.BLURRY.messageKey(), null, locale))
          .isEqualTo(UploadMessages.message(QualityFlag.BLURRY, UploadLimits.DEFAULT, locale));
    }
  }
}
