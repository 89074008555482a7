package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.cluster.AppProcess;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5's "a process killed between approval and issuance finishes the issuance on restart", with
 * a real kill: the app runs as its own JVM on PostgreSQL; the reviewer approves over HTTP; the
 * issuance is held inside its transaction (the test holds a lock the channel sync needs, so the
 * certificate is signed and linked and the seal made, but nothing is committed) and the JVM is
 * killed with SIGKILL. The next start's recovery issues the certificate: one certificate, one seal,
 * one channel sync, order ISSUED.
 */
class KilledDuringIssuanceTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir Path dataDir;

  @Test
  void aProcessKilledDuringTheIssuanceAfterTheApprovalFinishesItOnRestart() throws Exception {
    TestDatabases.Target db = TestDatabases.freshPostgres();
    Map<String, String> settings = Map.of("certhall.ca.hierarchies", "ECDSA");
    Order order;
    try (RunningApp first = RunningApp.start(db, dataDir, settings)) {
      order =
          ReviewFixtures.waitingOrderWithMaterials(
              first, ReviewFixtures.creditCode("91350100MA0040001"));
    }

    AppProcess app = AppProcess.start("killed-app", db, dataDir, settings);
    try (Connection hold = DriverManager.getConnection(db.url(), db.user(), db.password());
        Connection look = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      String base = app.url("");
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();

      // the channel's row, held: the issuance's channel sync waits for it inside its transaction
      hold.setAutoCommit(false);
      try (Statement s = hold.createStatement()) {
        s.executeQuery("SELECT id FROM channel WHERE id = 'demo' FOR UPDATE").close();
      }

      post(
          http,
          base + "/console/login",
          csrf(http, base + "/console/login"),
          "username=reviewer&password=certhall-demo");
      String page = base + "/console/orders/" + order.id();
      String token = csrf(http, page);
      post(http, page + "/claim", token, "");
      CompletableFuture<HttpResponse<String>> approval =
          http.sendAsync(form(page + "/approve", token, ""), HttpResponse.BodyHandlers.ofString());

      // the approval committed; the issuance signed and now waits, uncommitted
      waitUntil(
          () ->
              "APPROVED"
                  .equals(
                      single(look, "SELECT status FROM orders WHERE id = '" + order.id() + "'")),
          Duration.ofSeconds(60),
          app::tail);
      waitUntil(
          () ->
              Long.parseLong(
                      single(
                          look,
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE '%channel_certificate%'"))
                  > 0,
          Duration.ofSeconds(60),
          app::tail);
      assertThat(app.isAlive()).isTrue();
      assertThat(approval).isNotDone();

      app.kill(); // SIGKILL: no shutdown hook, no rollback by the app
      assertThat(app.isAlive()).isFalse();
      hold.rollback();
      waitUntil(
          () ->
              "0"
                  .equals(
                      single(
                          look,
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE '%channel_certificate%'")),
          Duration.ofSeconds(30),
          () -> "");
      assertThat(single(look, "SELECT status FROM orders WHERE id = '" + order.id() + "'"))
          .isEqualTo("APPROVED");
      assertThat(
              single(
                  look,
                  "SELECT COUNT(*) FROM order_certificate WHERE order_id = '" + order.id() + "'"))
          .isEqualTo("0");
    } finally {
      app.kill();
    }

    try (RunningApp restarted = RunningApp.start(db, dataDir, settings)) {
      assertThat(restarted.bean(OrderService.class).find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.ISSUED);
      JdbcClient jdbc = restarted.bean(JdbcClient.class);
      assertThat(
              count(jdbc, "SELECT COUNT(*) FROM order_certificate WHERE order_id = ?", order.id()))
          .isOne();
      assertThat(count(jdbc, "SELECT COUNT(*) FROM certificate WHERE profile = 'ORGANIZATION'"))
          .isOne();
      assertThat(
              count(
                  jdbc,
                  "SELECT COUNT(*) FROM seal s JOIN order_certificate o ON o.ca_name = s.ca_name"
                      + " AND o.serial = s.certificate_serial WHERE o.order_id = ?",
                  order.id()))
          .isOne();
      assertThat(
              count(
                  jdbc, "SELECT COUNT(*) FROM channel_certificate WHERE order_id = ?", order.id()))
          .isOne();
      assertThat(
              count(jdbc, "SELECT COUNT(*) FROM channel_delivery WHERE order_id = ?", order.id()))
          .isOne();
    }
  }

  static long count(JdbcClient jdbc, String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  interface Why {
    String text() throws Exception;
  }

  static void waitUntil(Check check, Duration limit, Why why) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out; " + why.text());
      }
      Thread.sleep(200);
    }
  }

  static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static String csrf(HttpClient http, String url) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = CSRF.matcher(body);
    assertThat(m.find()).as("CSRF token on " + url).isTrue();
    return m.group(1);
  }

  static HttpRequest form(String url, String csrf, String fields) {
    String body =
        (fields.isEmpty() ? "" : fields + "&")
            + "_csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static void post(HttpClient http, String url, String csrf, String fields) throws Exception {
    http.send(form(url, csrf, fields), HttpResponse.BodyHandlers.discarding());
  }
}
