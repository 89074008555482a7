package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reviewers' dashboard (审核看板) over HTTP on the running app, on H2 and PostgreSQL: the demo
 * reviewer signs in, finds the dashboard from the queue, reads the figures of {@link
 * DashboardScenario}, downloads the CSV of the last 30 days' decisions (recorded in the audit log);
 * the queue marks the overdue orders in words; a signed-out visitor gets the sign-in page.
 */
class ReviewDashboardTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theDashboardShowsTheFiguresAndExportsTheDecisions(Kind kind) throws Exception {
    try (DashboardScenario scenario =
        new DashboardScenario(RunningApp.database(kind, dataDir), dataDir).play()) {
      RunningApp app = scenario.app;

      // signed out: the sign-in page, for the page and for the file
      Session visitor = new Session(app);
      for (String path : List.of("/console/dashboard", "/console/dashboard/decisions.csv")) {
        HttpResponse<String> refused = visitor.get(path);
        assertThat(refused.statusCode()).as(path).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow())
            .endsWith("/console/login");
      }

      Session reviewer = new Session(app);
      reviewer.signIn("reviewer", "certhall-demo");
      String queue = reviewer.get("/console/").body();
      assertThat(queue).contains("href=\"/console/dashboard\"", "审核看板");
      // the queue marks overdue orders with a sign and words, and the order due today
      assertThat(row(queue, scenario.overdueRevocation.id())).contains("⚠", "已超期 2 个工作日");
      assertThat(row(queue, scenario.overdueNew.id())).contains("⚠", "已超期");
      assertThat(row(queue, scenario.dueToday.id())).contains("今日到期").doesNotContain("已超期");
      assertThat(row(queue, scenario.notDue.id())).doesNotContain("已超期", "今日到期");
      assertThat(queue).contains("有 2 个订单已超过审核期限");

      HttpResponse<String> page = reviewer.get("/console/dashboard");
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      assertThat(html).contains("<h1>审核看板</h1>", "今天是 " + scenario.day);
      assertThat(value(html, "dd", "id=\"waiting\"")).isEqualTo("4");
      assertThat(value(html, "dd", "id=\"due-today\"")).isEqualTo("1");
      assertThat(value(html, "dd", "id=\"overdue\"")).isEqualTo("2");
      assertThat(cells(html, "data-type=\"NEW_UNIT_CERTIFICATE\"")).containsExactly("单位证书新办", "2");
      assertThat(cells(html, "data-type=\"RENEWAL\"")).containsExactly("单位证书更新", "0");
      assertThat(cells(html, "data-type=\"INFORMATION_CHANGE\"")).containsExactly("单位信息变更", "1");
      assertThat(cells(html, "data-type=\"REVOCATION\"")).containsExactly("单位证书吊销", "1");
      // 2, 5 and 24 hours: median 5, p90 at rank 1.8 = 5 + 0.8 × 19
      assertThat(value(html, "dd", "id=\"decided\"")).isEqualTo("3");
      assertThat(value(html, "dd", "id=\"median\"")).isEqualTo("5.0 小时");
      assertThat(value(html, "dd", "id=\"p90\"")).isEqualTo("20.2 小时");
      assertThat(html).contains("自然时间");
      assertThat(cells(html, "data-reviewer=\"reviewer\""))
          .containsExactly("reviewer", "1", "0", "1");
      assertThat(cells(html, "data-reviewer=\"zhang.wei\""))
          .containsExactly("zhang.wei", "0", "1", "1");
      assertThat(html).contains("href=\"/console/dashboard/decisions.csv\"");

      HttpResponse<byte[]> csv = reviewer.getBytes("/console/dashboard/decisions.csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/csv")
          .contains("UTF-8");
      assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment")
          .contains("review-decisions-" + scenario.day.minusDays(30) + "-" + scenario.day + ".csv");
      byte[] body = csv.body();
      assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
      String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
      String d10 = scenario.day.minusDays(10).toString();
      String d5 = scenario.day.minusDays(5).toString();
      String d4 = scenario.day.minusDays(4).toString();
      assertThat(text.split("\r\n", -1))
          .containsExactly(
              "订单号,业务类型,提交时间（北京时间）,审核时间（北京时间）,审核结果,审核人,审核用时（小时）",
              scenario.rejectedAfter2h.id()
                  + ",单位证书新办,"
                  + d10
                  + " 09:00:00,"
                  + d10
                  + " 11:00:00,审核未通过,zhang.wei,2.00",
              scenario.approvedAfter5h.id()
                  + ",单位证书新办,"
                  + d10
                  + " 09:00:00,"
                  + d10
                  + " 14:00:00,审核通过,reviewer,5.00",
              // the formula is neutralised, then quoted for its quotes
              scenario.rejectedAfter24h.id()
                  + ",单位证书更新,"
                  + d5
                  + " 09:00:00,"
                  + d4
                  + " 09:00:00,审核未通过,"
                  + "\"'=HYPERLINK(\"\"http://evil.example\"\")\",24.00",
              "");

      List<String> exports =
          JdbcClient.create(app.bean(javax.sql.DataSource.class))
              .sql(
                  "SELECT actor || ' ' || details FROM audit_log WHERE action = 'REVIEW_DECISIONS_EXPORTED'")
              .query(String.class)
              .list();
      assertThat(exports)
          .singleElement()
          .satisfies(e -> assertThat(e).startsWith("operator:reviewer ").contains("3 decisions"));
    }
  }

  /** The queue's row of an order. */
  static String row(String html, String orderId) {
    Matcher m =
        Pattern.compile("<tr[^>]*data-order=\"" + orderId + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("row of " + orderId).isTrue();
    return m.group(1);
  }

  /** The text of the first {@code tag} element with {@code attribute}. */
  static String value(String html, String tag, String attribute) {
    Matcher m =
        Pattern.compile("<" + tag + " " + attribute + "[^>]*>([^<]*)</" + tag + ">").matcher(html);
    assertThat(m.find()).as(tag + " " + attribute).isTrue();
    return m.group(1).strip();
  }

  /** The texts of the cells of the table row with {@code attribute}. */
  static List<String> cells(String html, String attribute) {
    Matcher row = Pattern.compile("<tr " + attribute + ">(.*?)</tr>", Pattern.DOTALL).matcher(html);
    assertThat(row.find()).as("row " + attribute).isTrue();
    Matcher cell = Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>").matcher(row.group(1));
    List<String> cells = new java.util.ArrayList<>();
    while (cell.find()) {
      cells.add(cell.group(1).strip());
    }
    return cells;
  }

  /** A browser-like client: its own cookies, no automatic redirects. */
  static final class Session {
    final RunningApp app;
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Session(RunningApp app) {
      this.app = app;
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    void signIn(String username, String password) throws Exception {
      Matcher m = CSRF.matcher(get("/console/login").body());
      assertThat(m.find()).isTrue();
      String body =
          Map.of("username", username, "password", password, "_csrf", m.group(1))
              .entrySet()
              .stream()
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpResponse<String> signedIn =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url("/console/login")))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
    }
  }
}
