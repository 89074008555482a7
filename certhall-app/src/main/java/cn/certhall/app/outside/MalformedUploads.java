package cn.certhall.app.outside;

import cn.certhall.app.web.LayoutModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * A multipart body the container cannot parse (cut off, no closing boundary, a broken header) is
 * the sender's mistake, not the server's: 400 with a message, JSON under {@code /api/}, the 验章 page
 * with the message beside its field for {@code /verify}, the error page elsewhere. Too large a body
 * keeps Spring's own answer (413), and a materials upload over the ceiling is redirected before it
 * is read ({@code UploadCeiling}).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MalformedUploads {
  private final MessageSource messages;
  private final LayoutModel layout;
  private final JsonMapper json = JsonMapper.builder().build();

  public MalformedUploads(MessageSource messages, LayoutModel layout) {
    this.messages = messages;
    this.layout = layout;
  }

  /** The JSON of a refused API call. */
  record ApiError(String error, String message) {}

  @ExceptionHandler(MultipartException.class)
  ModelAndView malformed(
      MultipartException e, HttpServletRequest request, HttpServletResponse response, Locale locale)
      throws IOException {
    if (e instanceof MaxUploadSizeExceededException) {
      // not ours: the next resolver answers 413
      throw e;
    }
    String text = messages.getMessage("upload.malformed", null, locale);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(json.writeValueAsString(new ApiError("malformed_request", text)));
      // the response is complete: no view
      return null;
    }
    ModelAndView page =
        "/verify".equals(path)
            ? new ModelAndView("sealapp/verify", Map.of("errors", Map.of("file", text)))
            : new ModelAndView("error", Map.of("status", HttpStatus.BAD_REQUEST.value()));
    page.addObject("languageLinks", layout.languageLinks(request, locale));
    page.setStatus(HttpStatus.BAD_REQUEST);
    return page;
  }
}
