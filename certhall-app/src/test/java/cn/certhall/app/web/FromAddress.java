package cn.certhall.app.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A visitor at another loopback address (127.0.0.x): the app sees it as another client in {@code
 * getRemoteAddr()}, which the JDK's HttpClient (Java 17) cannot choose. HTTP/1.0 over a socket
 * bound to that address, one request per connection, keeping the session cookie and the page's CSRF
 * token as a browser would.
 */
public final class FromAddress {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("(?i)^set-cookie:\\s*([^=]+)=([^;]*)");

  private final InetAddress from;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  /**
   * @param from e.g. "127.0.0.23"
   */
  public FromAddress(String from, int port) {
    try {
      this.from = InetAddress.getByName(from);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = port;
  }

  /** Status, headers (names lower-case, the last of each) and body of an answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String location() {
      return headers.getOrDefault("location", "");
    }
  }

  public Answer get(String path) {
    return exchange("GET " + path, null);
  }

  /** Posts a form with the CSRF token of the last page read. */
  public Answer post(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String body =
        all.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return exchange("POST " + path, body);
  }

  private Answer exchange(String requestLine, String form) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      socket.setSoTimeout(60_000);
      StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.0\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Accept: text/html\r\n");
      if (!cookies.isEmpty()) {
        head.append("Cookie: ")
            .append(
                cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")))
            .append("\r\n");
      }
      byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
      if (form != null) {
        head.append("Content-Type: application/x-www-form-urlencoded\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    byte[] bytes = all.toByteArray();
    int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    String[] lines = new String(bytes, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
      Matcher cookie = COOKIE.matcher(lines[i]);
      if (cookie.find()) {
        cookies.put(cookie.group(1).strip(), cookie.group(2));
      }
    }
    String body = new String(bytes, split + 4, bytes.length - split - 4, StandardCharsets.UTF_8);
    Matcher token = CSRF.matcher(body);
    if (token.find()) {
      csrf = token.group(1);
    }
    return new Answer(status, headers, body);
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no end of the headers in the answer");
  }
}
