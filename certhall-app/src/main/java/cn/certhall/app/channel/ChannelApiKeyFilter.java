package cn.certhall.app.channel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the channel pull API ({@code /api/channel/**}): the {@code X-Api-Key} header must
 * hold a channel's current API key; the request then acts for that channel only (the controller
 * reads {@link #CHANNEL_ATTRIBUTE}). Anything else is a 401 before any controller runs. The API is
 * stateless: no session, no cookie, so no CSRF token either.
 */
public final class ChannelApiKeyFilter extends OncePerRequestFilter {
  public static final String HEADER = "X-Api-Key";
  public static final String CHANNEL_ATTRIBUTE =
      "cn.certhall.app.channel.ChannelApiKeyFilter.channel";
  public static final String PATH_PREFIX = "/api/channel/";

  private final ChannelAdministration channels;

  public ChannelApiKeyFilter(ChannelAdministration channels) {
    this.channels = channels;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + PATH_PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    Optional<String> channel =
        key == null || key.isBlank() ? Optional.empty() : channels.channelOfApiKey(key.strip());
    if (channel.isEmpty()) {
      boolean english =
          Optional.ofNullable(request.getHeader("Accept-Language"))
              .map(l -> l.toLowerCase(Locale.ROOT).startsWith("en"))
              .orElse(false);
      String message =
          key == null || key.isBlank()
              ? (english ? "The X-Api-Key header is missing." : "缺少 API 密钥（请求头 X-Api-Key）。")
              : (english ? "The API key is not valid." : "API 密钥无效。");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
      response.setContentType("application/json;charset=UTF-8");
      response
          .getOutputStream()
          .write(
              ("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    request.setAttribute(CHANNEL_ATTRIBUTE, channel.get());
    chain.doFilter(request, response);
  }
}
