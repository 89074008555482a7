package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.web.Browser;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The portal's shell: the home of a channel with the manual's entries, the language switch, the
 * Chinese error pages, CSRF on pages and the security headers.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortalHomeTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static RunningApp app;
  static Browser browser;

  static String banner;

  @BeforeAll
  static void start(CapturedOutput output) {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
    banner = output.getAll();
  }

  static void browser() {
    if (browser == null) {
      browser = Browser.start();
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_home_of_the_demo_channel_offers_the_manuals_entries_in_chinese_or_english(
      TestInfo test) {
    browser();
    browser.beginTest("PortalHomeTest.home");

    browser.open(app.url("/?channelId=demo"));
    browser.screenshot("home-zh");
    assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
    assertThat(browser.text())
        .contains("在线新办", "单位证书新办", "证书更新", "云证书更新", "信息变更", "证书吊销", "订单查询", "演示云平台");
    assertThat(browser.findAll(By.cssSelector(".entry-closed")))
        .as("every entry of the manual is built")
        .isEmpty();
    assertThat(browser.findAll(By.cssSelector("a.entry-link")))
        .extracting(e -> e.getDomAttribute("href"))
        .contains(
            "/renewal?channelId=demo", "/change?channelId=demo", "/revocation?channelId=demo");

    browser.clickAndWait(By.linkText("English"));
    browser.screenshot("home-en");
    assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
    assertThat(browser.text()).contains("New unit certificate");

    browser.open(app.url("/?channelId=demo"));
    assertThat(browser.text())
        .as("the choice is kept in a cookie")
        .contains("New unit certificate");

    browser.clickAndWait(By.linkText("中文"));
    assertThat(browser.text()).contains("单位证书新办");

    browser.open(app.url("/?channelId=nosuchchannel"));
    browser.screenshot("unknown-channel");
    assertThat(browser.text()).contains("云平台编号（channelId）不存在", "进入演示云平台");
  }

  @Test
  void an_unknown_or_missing_channel_is_a_clear_error() throws Exception {
    HttpResponse<String> unknown = get("/?channelId=nosuchchannel");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("云平台编号（channelId）不存在");
  }

  /**
   * Issue 16, point 11: the banner of the demo run names the demo channel's address, and every
   * portal entry opened without a channel shows one page that says where to come from.
   */
  @Test
  void the_banner_names_the_demo_channel_and_entries_without_a_channel_explain_where_to_come_from()
      throws Exception {
    assertThat(banner).contains("certhall is running: open " + app.url("/?channelId=demo"));
    for (String path : List.of("/", "/renewal", "/change", "/revocation")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body())
          .as(path)
          .contains("请从您所在的云平台进入", "从平台提供的链接", "进入演示云平台", "href=\"/?channelId=demo\"")
          .doesNotContain("请求有误", "页面不存在");
    }
    assertThat(get("/renewal?lang=en").body()).contains("Please come from your cloud platform");
    browser();
    browser.beginTest("PortalHomeTest.channelPage");
    browser.open(app.url("/"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("请从您所在的云平台进入");
    browser.screenshot("channel-page");
    browser.open(app.url("/revocation"));
    browser.screenshot("channel-page-revocation");
    browser.clickAndWait(By.linkText("进入演示云平台"));
    assertThat(browser.text()).contains("单位证书新办", "演示云平台");
  }

  @Test
  void errors_are_pages_in_chinese_that_quote_nothing() throws Exception {
    HttpResponse<String> notFound = get("/no/such/page");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("页面不存在", "错误代码：404").doesNotContain("Whitelabel");

    HttpResponse<String> english = get("/no/such/page?lang=en");
    assertThat(english.body()).contains("Page not found");
  }

  @Test
  void a_page_post_without_the_csrf_token_is_refused_but_machine_endpoints_take_posts()
      throws Exception {
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/?channelId=demo")))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("请求被拒绝");

    HttpResponse<String> ocsp =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x00}))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ocsp.statusCode())
        .as("OCSP answers (malformedRequest), CSRF does not step in")
        .isEqualTo(200);
    assertThat(ocsp.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
  }

  @Test
  void pages_carry_the_security_headers() throws Exception {
    HttpResponse<String> home = get("/?channelId=demo");
    assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'", "frame-ancestors 'none'");
    assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(home.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(get("/css/certhall.css").statusCode()).isEqualTo(200);
  }

  /**
   * Issue 20, scale: the home answered about 400 pages/s on two cores where 我的订单 answered 1,800.
   * Each link of a page ({@code @{/apply}}, {@code @{/ca}}, …) went through the resource chain's
   * URL encoding filter, which the Swagger UI's webjars locator had switched on: it looked every
   * link up as a static file in each jar of the class path (about 5 ms of CPU a home page). The
   * chain is off, so no such filter stands between the pages and their links; and an anonymous
   * visit of the home, which has no form, makes no session (no row in the database).
   */
  @Test
  void the_home_costs_no_class_path_lookup_per_link_and_no_session() throws Exception {
    ServletContext servletContext = app.bean(ServletContext.class);
    assertThat(servletContext.getFilterRegistrations().values())
        .extracting(FilterRegistration::getClassName)
        .isNotEmpty()
        .doesNotContain(ResourceUrlEncodingFilter.class.getName());

    JdbcClient jdbc = app.bean(JdbcClient.class);
    long sessions = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    HttpResponse<String> home = get("/?channelId=demo");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body())
        .contains("href=\"/apply?channelId=demo\"", "href=\"/css/certhall.css\"");
    assertThat(home.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
    assertThat(jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single())
        .isEqualTo(sessions);
  }

  /**
   * The anonymous pages with a form keep their CSRF token in a cookie, not in a session: a flood of
   * visits to 我的订单 or the application form makes no row in {@code spring_session}. The token still
   * guards the forms: the page's field without its cookie is refused.
   */
  @Test
  void anonymous_visits_of_pages_with_forms_make_no_session_and_the_token_still_guards_the_forms()
      throws Exception {
    JdbcClient jdbc = app.bean(JdbcClient.class);
    long sessions = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    for (String page :
        java.util.List.of(
            "/orders?channelId=demo",
            "/apply?channelId=demo",
            "/renewal?channelId=demo",
            "/revocation?channelId=demo",
            "/verify",
            "/seal-app/")) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> answer = get(page);
        assertThat(answer.statusCode()).as(page).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie"))
            .as(page)
            .noneMatch(c -> c.startsWith("SESSION="));
      }
    }
    assertThat(jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single())
        .isEqualTo(sessions);

    HttpResponse<String> orders = get("/orders?channelId=demo");
    assertThat(orders.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("CERTHALL-CSRF=")
                    .contains("HttpOnly")
                    .contains("SameSite=Lax"));
    java.util.regex.Matcher field =
        java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
            .matcher(orders.body());
    assertThat(field.find()).isTrue();
    // the form's field alone, without the cookie that goes with it: refused
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/orders")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "kind=UNIT&idNumber=91350100MA00000000&action=send&_csrf="
                            + java.net.URLEncoder.encode(
                                field.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  @Test
  void the_layout_loads_nothing_from_elsewhere() throws Exception {
    String home = get("/?channelId=demo").body();
    assertThat(home).doesNotContain("<script", "https://", "//cdn").contains("/css/certhall.css");
    assertThat(Files.exists(dataDir)).isTrue();
  }
}
