package cn.certhall.app.outside;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** Which requests queue for the heavy-request places with the default settings. */
class HeavyRequestLimiterTest {
  static final HeavyRequestProperties DEFAULTS =
      new Binder(new MapConfigurationPropertySource())
          .bindOrCreate("certhall.heavy-requests", HeavyRequestProperties.class);

  final HeavyRequestLimiter limiter =
      new HeavyRequestLimiter(
          DEFAULTS, new StaticMessageSource(), new AcceptHeaderLocaleResolver());

  boolean queued(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    return !limiter.shouldNotFilter(request);
  }

  @Test
  void uploadsAndPdfChecksQueueButTheMaterialsNextStepDoesNot() {
    assertThat(queued("POST", "/apply/CH20261207ABCDEFGHJKLM/materials/BUSINESS_LICENSE")).isTrue();
    assertThat(queued("POST", "/apply/CH20261207ABCDEFGHJKLM/materials/SEAL_COLLECTION_FORM"))
        .isTrue();
    assertThat(queued("POST", "/verify")).isTrue();
    assertThat(queued("POST", "/seal-app/scan")).isTrue();
    assertThat(queued("POST", "/apply/CH20261207ABCDEFGHJKLM/materials/complete"))
        .as("下一步 parses nothing")
        .isFalse();
    assertThat(queued("GET", "/apply/CH20261207ABCDEFGHJKLM/materials/BUSINESS_LICENSE")).isFalse();
  }
}
