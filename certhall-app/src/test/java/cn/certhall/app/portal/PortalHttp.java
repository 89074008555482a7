package cn.certhall.app.portal;

import cn.certhall.app.AppNode;
import java.io.ByteArrayOutputStream;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser session of the portal over plain HTTP: its own cookies, redirects not followed, the
 * CSRF token of the last page read sent with each form (urlencoded or multipart, as the page's
 * forms are). For tests of the steps after the authorization code, and for other tests that need a
 * session on an order (e.g. through {@link #proveUnit}).
 */
public final class PortalHttp {
  /**
   * What the cashier (支付) posts when the payer keeps its defaults: 微信支付 and the invoice to the
   * organization (the tax number is any well-formed one; the sandbox outcome follows the name
   * rules).
   */
  public static final Map<String, String> CASHIER =
      Map.of(
          "method", "WECHAT",
          "invoiceTitle", "示例科技有限公司",
          "taxNumber", "91350100M000100Y43",
          "invoiceEmail", "jb@example.cn");

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  /** The code of an order-query SMS (我的订单). */
  public static final Pattern QUERY_CODE = Pattern.compile("查询证书订单，验证码为(\\d{6})");

  /** The code of an application-signature SMS (证书申请签名). */
  public static final Pattern SIGNATURE_CODE = Pattern.compile("签名验证码为(\\d{6})");

  private AppNode app;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();
  private String csrf;

  public PortalHttp(AppNode app) {
    this.app = app;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends the next requests to another node of the same installation, with this browser's cookies
   * (the same host, another port) and its last CSRF token: what a load balancer without sticky
   * sessions does.
   */
  public PortalHttp switchTo(AppNode node) {
    this.app = node;
    return this;
  }

  /** Carries a cookie another client (a browser) holds: the same visitor from here on. */
  public PortalHttp cookie(String name, String value) {
    java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(app.url("/")), cookie);
    return this;
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> page =
        send(
            HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/html").GET(),
            HttpResponse.BodyHandlers.ofString());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** A file (PDF, upload) as bytes. */
  public HttpResponse<byte[]> download(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path))).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Posts the form with the CSRF token of the last page read. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    if (csrf != null) {
      withToken.put("_csrf", csrf);
    }
    String body =
        withToken.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Uploads a file as the materials page's form does (multipart, the CSRF field first). */
  public HttpResponse<String> upload(String path, String fileName, byte[] content) {
    return multipart(path, fileName, content, true);
  }

  /** The same upload without the CSRF field. */
  public HttpResponse<String> uploadWithoutCsrf(String path, String fileName, byte[] content) {
    return multipart(path, fileName, content, false);
  }

  private HttpResponse<String> multipart(
      String path, String fileName, byte[] content, boolean withCsrf) {
    String boundary = "----certhall" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (withCsrf && csrf != null) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
              + csrf
              + "\r\n");
    }
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
        HttpResponse.BodyHandlers.ofString());
  }

  /** 我的订单 for a unit: the SMS code to the handler's mobile, read from the sandbox, entered. */
  public void proveUnit(String creditCode, String handlerMobile) {
    get("/orders");
    HttpResponse<String> sent =
        post("/orders", Map.of("kind", "UNIT", "idNumber", creditCode, "action", "send"));
    if (sent.statusCode() != 200) {
      throw new AssertionError("query code request answered " + sent.statusCode());
    }
    String code = sandboxCode(app, handlerMobile, QUERY_CODE);
    HttpResponse<String> verified =
        post(
            "/orders",
            Map.of("kind", "UNIT", "idNumber", creditCode, "code", code, "action", "verify"));
    if (verified.statusCode() != 302) {
      throw new AssertionError("the right query code answered " + verified.statusCode());
    }
  }

  /** The newest code of this kind the sandbox delivered to the mobile. */
  public static String sandboxCode(AppNode app, String mobile, Pattern code) {
    try {
      String messages =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(app.url("/sandbox/api/messages?to=" + mobile)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = code.matcher(messages);
      if (!m.find()) {
        throw new AssertionError("no code of " + code + " in the sandbox for " + mobile);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where a redirect answer points (its path). */
  public static String location(HttpResponse<?> response) {
    return URI.create(
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode())))
        .getPath();
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
