package cn.certhall.app.console;

import static cn.certhall.app.console.KilledDuringIssuanceTest.csrf;
import static cn.certhall.app.console.KilledDuringIssuanceTest.form;
import static cn.certhall.app.console.KilledDuringIssuanceTest.post;
import static cn.certhall.app.console.KilledDuringIssuanceTest.single;
import static cn.certhall.app.console.KilledDuringIssuanceTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.domain.order.Order;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node told to stop (SIGTERM: the context closes) while a reviewer's approval is issuing its
 * certificate waits for that request: the issuance commits and the reviewer gets the answer, and
 * only then does the node stop. The issuance is held inside its transaction by a lock the test
 * holds on the channel's row (as in {@link KilledDuringIssuanceTest}, which covers a kill).
 */
class GracefulShutdownTest {
  @TempDir Path dataDir;

  @Test
  void anApprovalUnderWayWhenTheNodeStopsIssuesItsCertificateBeforeTheNodeIsGone()
      throws Exception {
    TestDatabases.Target db = TestDatabases.freshPostgres();
    RunningApp app = RunningApp.start(db, dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
    CompletableFuture<Void> stopping = null;
    try (Connection hold = DriverManager.getConnection(db.url(), db.user(), db.password());
        Connection look = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      Order order =
          ReviewFixtures.waitingOrderWithMaterials(
              app, ReviewFixtures.creditCode("91350100MA0060001"));
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      post(
          http,
          app.url("/console/login"),
          csrf(http, app.url("/console/login")),
          "username=reviewer&password=certhall-demo");
      String page = app.url("/console/orders/" + order.id());
      String token = csrf(http, page);
      post(http, page + "/claim", token, "");

      hold.setAutoCommit(false);
      try (Statement s = hold.createStatement()) {
        s.executeQuery("SELECT id FROM channel WHERE id = 'demo' FOR UPDATE").close();
      }
      CompletableFuture<HttpResponse<String>> approval =
          http.sendAsync(form(page + "/approve", token, ""), HttpResponse.BodyHandlers.ofString());
      waitUntil(
          () ->
              Long.parseLong(
                      single(
                          look,
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE '%channel_certificate%'"))
                  > 0,
          Duration.ofSeconds(60),
          () -> "the issuance never reached the channel sync");

      stopping = CompletableFuture.runAsync(app::close);
      Thread.sleep(2000);
      assertThat(stopping).as("the node waits for the approval under way").isNotDone();
      assertThat(approval).isNotDone();

      hold.rollback();
      stopping.get(60, TimeUnit.SECONDS);
      assertThat(approval.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(302);
      assertThat(single(look, "SELECT status FROM orders WHERE id = '" + order.id() + "'"))
          .isEqualTo("ISSUED");
      assertThat(
              single(
                  look,
                  "SELECT COUNT(*) FROM order_certificate WHERE order_id = '" + order.id() + "'"))
          .isEqualTo("1");
    } finally {
      if (stopping == null) {
        app.close();
      }
    }
  }
}
