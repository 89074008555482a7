package cn.certhall.app.orderquery;

import cn.certhall.app.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser session against a running app, over plain HTTP: its own cookies, redirects not
 * followed (the tests look at them), and the CSRF token of the last page read sent with each form,
 * as a browser's form would.
 */
public final class WebSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

  private final RunningApp app;
  private final HttpClient http;
  private String csrf;

  public WebSession(RunningApp app) {
    this.app = app;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> page =
        send(HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/html").GET());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** A file (an image, a PDF) as bytes. */
  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts the form with the CSRF token of the last page read. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    if (csrf != null) {
      withToken.put("_csrf", csrf);
    }
    return postRaw(path, withToken);
  }

  /** Posts exactly these fields: no CSRF token unless among them. */
  HttpResponse<String> postRaw(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Asks for a query code for the ID number and reads it from the sandbox's outbox. */
  String requestCode(String kind, String idNumber, String handlerMobile) {
    get("/orders");
    HttpResponse<String> sent =
        post("/orders", Map.of("kind", kind, "idNumber", idNumber, "action", "send"));
    if (sent.statusCode() != 200) {
      throw new AssertionError("code request answered " + sent.statusCode());
    }
    String messages =
        send(HttpRequest.newBuilder(
                    URI.create(app.url("/sandbox/api/messages?to=" + handlerMobile)))
                .GET())
            .body();
    Matcher code = CODE.matcher(messages);
    if (!code.find()) {
      throw new AssertionError("no code in the sandbox for the handler");
    }
    return code.group(1);
  }

  /** Passes the SMS check for the ID number (unit). */
  public void prove(String creditCode, String handlerMobile) {
    String code = requestCode("UNIT", creditCode, handlerMobile);
    HttpResponse<String> verified =
        post(
            "/orders",
            Map.of("kind", "UNIT", "idNumber", creditCode, "code", code, "action", "verify"));
    if (verified.statusCode() != 302) {
      throw new AssertionError("the right code answered " + verified.statusCode());
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
