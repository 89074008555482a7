package cn.certhall.app.outside;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Keeps the endpoints that parse a PDF or an image from taking this node's heap and CPU: for the
 * anonymous ones, per client address a token bucket (Bucket4j) of {@code perClientPerMinute}
 * requests a minute, checked before the body is read; then the body is read (the container spools
 * uploads to disk) and only then a place among {@code maxConcurrent} is taken for the parsing, so a
 * slow upload holds no place. A request that gets no token, or no place within {@code queueWait},
 * is answered 429 with Retry-After: JSON under {@code /api/}, a short page elsewhere.
 *
 * <p>The client address is {@link HttpServletRequest#getRemoteAddr()}: the proxy's forwarded
 * headers count only as far as Spring's forwarded-header handling ({@code
 * server.forward-headers-strategy}) has already applied them, never read here. Buckets live in this
 * process (a bounded cache): the limits are per node, which is what protects the node.
 */
public final class HeavyRequestLimiter extends OncePerRequestFilter {
  private static final AntPathMatcher PATHS = new AntPathMatcher();

  private final HeavyRequestProperties properties;
  private final Semaphore places;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(5)).build();
  private final MessageSource messages;
  private final LocaleResolver locales;

  public HeavyRequestLimiter(
      HeavyRequestProperties properties, MessageSource messages, LocaleResolver locales) {
    this.properties = properties;
    this.places = new Semaphore(properties.maxConcurrent(), true);
    this.messages = messages;
    this.locales = locales;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !matches(properties.concurrentPaths(), request)
            && !matches(properties.rateLimitedPaths(), request);
  }

  private static boolean matches(List<String> patterns, HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return patterns.stream().anyMatch(p -> PATHS.match(p, path));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (matches(properties.rateLimitedPaths(), request)) {
      ConsumptionProbe token =
          buckets
              .get(request.getRemoteAddr(), address -> newBucket())
              .tryConsumeAndReturnRemaining(1);
      if (!token.isConsumed()) {
        refuse(request, response, Duration.ofNanos(token.getNanosToWaitForRefill()));
        return;
      }
    }
    if (!matches(properties.concurrentPaths(), request)) {
      chain.doFilter(request, response);
      return;
    }
    readBody(request);
    boolean placed;
    try {
      placed = places.tryAcquire(properties.queueWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      placed = false;
    }
    if (!placed) {
      refuse(request, response, properties.queueWait());
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      places.release();
    }
  }

  private Bucket newBucket() {
    int n = properties.perClientPerMinute();
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(n).refillGreedy(n, Duration.ofMinutes(1)))
        .build();
  }

  /**
   * Reads a multipart body now, before a place is taken. A malformed body is left for the
   * application to answer (the container keeps the failure and reports it again there).
   */
  private static void readBody(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return;
    }
    try {
      request.getParts();
    } catch (ServletException | IllegalStateException | IOException malformedOrTooLarge) {
      // answered where the application reads the parts
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait)
      throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    Locale locale = locales.resolveLocale(request);
    String text = messages.getMessage("busy.text", new Object[] {seconds}, locale);
    response.setStatus(429);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"error\":\"too_many_requests\",\"message\":\"" + text.replace("\"", "'") + "\"}");
    } else {
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      String escaped = HtmlUtils.htmlEscape(text);
      response
          .getWriter()
          .write(
              "<!DOCTYPE html><html lang=\""
                  + locale.toLanguageTag()
                  + "\"><meta charset=\"utf-8\"><title>"
                  + HtmlUtils.htmlEscape(messages.getMessage("error.heading.429", null, locale))
                  + "</title><p role=\"alert\">"
                  + escaped
                  + "</p></html>");
    }
  }
}
