package cn.certhall.app.web;

import cn.certhall.domain.channel.Channel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the layout (templates/layout.html) needs on every page: the language links, which lead to
 * the page the person is on in the other language. A page shown in answer to a POST links to the
 * GET of the same path (with the {@code channelId} it was posted with, nothing else of the form),
 * which every form page of the portal answers from its saved state.
 */
@ControllerAdvice
public class LayoutModel {

  @ModelAttribute("languageLinks")
  public LanguageLinks languageLinks(HttpServletRequest request, Locale locale) {
    return new LanguageLinks(
        link(request, "zh-CN"),
        link(request, "en"),
        WebConfiguration.supported(locale).toLanguageTag());
  }

  /**
   * @param current {@code zh-CN} or {@code en}
   */
  public record LanguageLinks(String chinese, String english, String current) {}

  private static String link(HttpServletRequest request, String language) {
    ServletUriComponentsBuilder here = ServletUriComponentsBuilder.fromRequest(request);
    if (!"GET".equals(request.getMethod())) {
      String channelId = request.getParameter("channelId");
      here.replaceQuery(null);
      if (channelId != null && Channel.isWellFormedId(channelId)) {
        here.queryParam("channelId", channelId);
      }
    }
    return here.replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, language)
        .build()
        .toUriString()
        .replaceFirst("^[a-z]+://[^/]+", "");
  }
}
