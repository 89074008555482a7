package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.channel.ChannelAdministration;
import cn.certhall.app.orderquery.WebSession;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.web.FromAddress;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The review console over HTTP on the running app: sign-in with CSRF, roles, lockout, the queue,
 * and a rejection and an approval that reach the handler through the sandbox. Last, the app is
 * stopped between an approval and its issuance and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A browser-like client: its own cookies, no automatic redirects. */
  static final class Session {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String csrf, Map<String, String> form) throws Exception {
      String body =
          form.entrySet().stream()
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      if (csrf != null) {
        body =
            (body.isEmpty() ? "" : body + "&")
                + "_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
      }
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    String csrf(String path) throws Exception {
      Matcher m = CSRF.matcher(get(path).body());
      assertThat(m.find()).as("a CSRF token on " + path).isTrue();
      return m.group(1);
    }

    HttpResponse<String> signIn(String username, String password) throws Exception {
      return post(
          "/console/login",
          csrf("/console/login"),
          Map.of("username", username, "password", password));
    }
  }

  static void operator(String username, String password, Role role) {
    app.bean(OperatorRepository.class)
        .insert(username, app.bean(PasswordEncoder.class).encode(password), role);
  }

  static Order waitingOrder(String creditCode) {
    OrderService orders = app.bean(OrderService.class);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(creditCode));
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    return order;
  }

  static String creditCode(String first17) {
    return ReviewFixtures.creditCode(first17);
  }

  static Order waitingOrderWithMaterials(String creditCode) throws Exception {
    return ReviewFixtures.waitingOrderWithMaterials(app, creditCode);
  }

  @Test
  void uploadedMaterialsAreShownInlineToOperatorsAndToNobodyElse() throws Exception {
    Order order = waitingOrderWithMaterials(creditCode("91350100MA0020001"));
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    String base = "/console/orders/" + order.id() + "/materials/";

    String page = reviewer.get("/console/orders/" + order.id()).body();
    assertThat(page)
        .contains("上传资料", "营业执照", "印章采集表", "单位授权委托书", "历史版本（1 个）")
        .contains("<img class=\"material-image\" src=\"" + base + "BUSINESS_LICENSE/2\"")
        .contains("<img class=\"material-image\" src=\"" + base + "SEAL_COLLECTION_FORM/1\"")
        .contains("href=\"" + base + "AUTHORIZATION_LETTER/1\"")
        .contains("href=\"" + base + "BUSINESS_LICENSE/1\"");
    assertThat(page)
        .doesNotContain("<img class=\"material-image\" src=\"" + base + "AUTHORIZATION_LETTER");

    HttpResponse<byte[]> image = reviewer.getBytes(base + "BUSINESS_LICENSE/2");
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(image.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("inline");
    assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
    HttpResponse<byte[]> first = reviewer.getBytes(base + "BUSINESS_LICENSE/1");
    assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    HttpResponse<byte[]> pdf = reviewer.getBytes(base + "AUTHORIZATION_LETTER/1");
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("inline")
        .contains(".pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(reviewer.getBytes(base + "BUSINESS_LICENSE/3").statusCode()).isEqualTo(404);
    assertThat(reviewer.getBytes(base + "NOT_A_KIND/1").statusCode()).isEqualTo(404);

    // the applicant's own browser, with or without the order query's proof: the sign-in page
    Session applicant = new Session();
    HttpResponse<byte[]> refused = applicant.getBytes(base + "BUSINESS_LICENSE/2");
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    WebSession handler = new WebSession(app);
    handler.prove(order.application().creditCode(), "13800138001");
    assertThat(handler.get(base + "BUSINESS_LICENSE/2").statusCode()).isEqualTo(302);
  }

  @Test
  void theSealIsShownToTheAdministratorAndToTheHandlerOfTheOrderOnly() throws Exception {
    Order order = waitingOrderWithMaterials(creditCode("91350100MA0020002"));
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    String page = "/console/orders/" + order.id();
    String csrf = reviewer.csrf(page);
    reviewer.post(page + "/claim", csrf, Map.of());
    reviewer.post(page + "/approve", csrf, Map.of());
    assertThat(app.bean(OrderService.class).find(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.ISSUED);
    JdbcClient jdbc = app.bean(JdbcClient.class);
    Map<String, Object> seal =
        jdbc.sql(
                "SELECT s.source, s.image_png FROM seal s JOIN order_certificate o"
                    + " ON o.ca_name = s.ca_name AND o.serial = s.certificate_serial WHERE o.order_id = ?")
            .param(order.id())
            .query()
            .singleRow();
    // made from the uploaded 印章采集表, not drawn
    assertThat(seal.get("source")).isEqualTo("COLLECTION_FORM");
    byte[] png = (byte[]) seal.get("image_png");

    String sealUrl = "/console/admin/orders/" + order.id() + "/seal.png";
    assertThat(reviewer.getBytes(sealUrl).statusCode()).isEqualTo(403);
    assertThat(reviewer.get(page).body()).doesNotContain("seal.png");
    operator("admin-seal", "admin password 3", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-seal", "admin password 3");
    assertThat(admin.get(page).body()).contains("电子印章", "src=\"" + sealUrl + "\"");
    HttpResponse<byte[]> shown = admin.getBytes(sealUrl);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(shown.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(shown.body()).isEqualTo(png);

    // the handler, after the order query's SMS check, sees it on the details page
    WebSession handler = new WebSession(app);
    handler.prove(order.application().creditCode(), "13800138001");
    assertThat(handler.get("/orders/" + order.id()).body())
        .contains("电子印章", "/orders/" + order.id() + "/seal.png");
    HttpResponse<byte[]> own = handler.getBytes("/orders/" + order.id() + "/seal.png");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(own.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(own.body()).isEqualTo(png);
    // another session, with or without its own proof, gets the 404 of an unknown order
    assertThat(new WebSession(app).getBytes("/orders/" + order.id() + "/seal.png").statusCode())
        .isEqualTo(404);
    String otherCode = creditCode("91350100MA0020004");
    waitingOrder(otherCode);
    WebSession other = new WebSession(app);
    other.prove(otherCode, "13800138001");
    assertThat(other.getBytes("/orders/" + order.id() + "/seal.png").statusCode()).isEqualTo(404);
  }

  @Test
  void anAdministratorSeesTheNotificationsGivenUpAndSendsOneAgain() throws Exception {
    operator("admin-outbox", "admin password 5", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-outbox", "admin password 5");
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    Order order = waitingOrder(creditCode("91350100MA0020006"));
    JdbcClient jdbc = app.bean(JdbcClient.class);
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    jdbc.sql(
            "INSERT INTO notification_outbox (channel, recipient, subject, body, order_id, created_at,"
                + " next_attempt_at, attempts, last_problem, given_up_at, sms_template, sms_values)"
                + " VALUES ('SMS', '13900066006', NULL, '您的订单已审核通过', ?, ?, ?, 30,"
                + " 'SMS provider unavailable', ?, 'CANCELLED_FOR_INACTIVITY',"
                + " '[\"单位证书新办\", \"CH20270615ABCDEFGHJKLM\", \"30\"]')")
        .params(order.id(), now.minusDays(1), now.minusHours(1), now.minusHours(1))
        .update();
    long id =
        jdbc.sql("SELECT id FROM notification_outbox WHERE recipient = '13900066006'")
            .query(Long.class)
            .single();

    assertThat(reviewer.get("/console/admin/notifications").statusCode()).isEqualTo(403);
    String page = admin.get("/console/admin/notifications").body();
    assertThat(page)
        .contains("未能发送的通知", "notification-" + id, order.id(), "SMS provider unavailable", "短信")
        .doesNotContain("13900066006", "您的订单已审核通过");
    assertThat(admin.get("/console/admin/deliveries").body())
        .contains("/console/admin/notifications");
    assertThat(admin.get("/console/").body()).contains("/console/admin/notifications");

    HttpResponse<String> retry =
        admin.post(
            "/console/admin/notifications/" + id + "/retry",
            admin.csrf("/console/admin/notifications"),
            Map.of());
    assertThat(retry.statusCode()).isEqualTo(302);
    assertThat(admin.get("/console/admin/notifications").body())
        .contains("已重新排队")
        .doesNotContain("notification-" + id);
    // the poller sends it: the sandbox's outbox has the text
    long deadline = System.currentTimeMillis() + 30_000;
    while (jdbc.sql("SELECT sent_at FROM notification_outbox WHERE id = ?")
            .param(id)
            .query(java.time.OffsetDateTime.class)
            .optional()
            .isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM notification_outbox WHERE id = ? AND sent_at IS NOT NULL")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(
            admin
                .post(
                    "/console/admin/notifications/" + id + "/retry",
                    admin.csrf("/console/"),
                    Map.of())
                .statusCode())
        .isEqualTo(302);
    assertThat(admin.get("/console/admin/notifications").body()).contains("没有编号为 " + id);
  }

  @Test
  void anAdministratorSetsTheChannelsSecretsSeenOnceAndReplaysADelivery() throws Exception {
    operator("admin-channels", "admin password 4", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-channels", "admin password 4");
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    assertThat(reviewer.get("/console/admin/channels").statusCode()).isEqualTo(403);
    assertThat(reviewer.get("/console/admin/deliveries").statusCode()).isEqualTo(403);
    assertThat(admin.get("/console/").body())
        .contains("/console/admin/channels", "/console/admin/deliveries");

    String csrf = admin.csrf("/console/admin/channels");
    assertThat(admin.get("/console/admin/channels").body())
        .contains("渠道设置", "Webhook 地址", "API 密钥", "label for=\"url-demo\"");
    // a new API key: on the next page once, then never again; it works, the old one does not
    String oldKey = Files.readString(dataDir.resolve("channel-demo-api-key")).strip();
    admin.post("/console/admin/channels/demo/api-key", csrf, Map.of());
    String shown = admin.get("/console/admin/channels").body();
    Matcher key = Pattern.compile("id=\"secret\">(chk_[^<]+)<").matcher(shown);
    assertThat(key.find()).as("the new key is shown").isTrue();
    assertThat(shown).contains("只显示这一次");
    ChannelAdministration channels = app.bean(ChannelAdministration.class);
    assertThat(channels.channelOfApiKey(key.group(1))).hasValue("demo");
    assertThat(channels.channelOfApiKey(oldKey)).isEmpty();
    assertThat(admin.get("/console/admin/channels").body())
        .doesNotContain(key.group(1), "id=\"secret\"");
    // a new shared secret for the webhook, shown once
    admin.post("/console/admin/channels/demo/secret", csrf, Map.of());
    Matcher secret =
        Pattern.compile("id=\"secret\">(whsec_[^<]+)<")
            .matcher(admin.get("/console/admin/channels").body());
    assertThat(secret.find()).isTrue();
    assertThat(admin.get("/console/admin/channels").body()).doesNotContain(secret.group(1));
    // a bad URL is refused in Chinese; the URL stays
    admin.post(
        "/console/admin/channels/demo/webhook", csrf, Map.of("url", "ftp://example.cn/hook"));
    assertThat(admin.get("/console/admin/channels").body()).contains("Webhook 地址无效");
    assertThat(admin.post("/console/admin/channels/demo/secret", null, Map.of()).statusCode())
        .isEqualTo(403);

    // an issued order's delivery is in the log with its attempt, and is sent again on replay
    Order order = waitingOrder(creditCode("91350100MA0020003"));
    String page = "/console/orders/" + order.id();
    String rc = reviewer.csrf(page);
    reviewer.post(page + "/claim", rc, Map.of());
    reviewer.post(page + "/approve", rc, Map.of());
    long id =
        app.bean(JdbcClient.class)
            .sql("SELECT id FROM channel_delivery WHERE order_id = ?")
            .param(order.id())
            .query(Long.class)
            .single();
    String log = waitFor(admin, "/console/admin/deliveries", "HTTP 200", "delivery-" + id);
    assertThat(log).contains("渠道推送记录", "certificate.issued", order.id(), "已送达");
    HttpResponse<String> replay =
        admin.post(
            "/console/admin/deliveries/" + id + "/replay",
            admin.csrf("/console/admin/deliveries"),
            Map.of());
    assertThat(replay.statusCode()).isEqualTo(302);
    assertThat(admin.get("/console/admin/deliveries").body()).contains("已安排重新发送");
    long deadline = System.currentTimeMillis() + 20_000;
    while (app.bean(cn.certhall.app.channel.DeliveryLog.class).attempts(id).stream()
            .noneMatch(a -> a.replay())
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(app.bean(cn.certhall.app.channel.DeliveryLog.class).attempts(id))
        .anySatisfy(a -> assertThat(a.replay()).isTrue());
    assertThat(admin.get("/console/admin/deliveries").body()).contains("重新推送");
  }

  /** The page once it shows all of {@code texts}, waiting up to 20 s for the dispatcher. */
  static String waitFor(Session session, String path, String... texts) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    String body = session.get(path).body();
    while (!java.util.Arrays.stream(texts).allMatch(body::contains)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      body = session.get(path).body();
    }
    return body;
  }

  /**
   * The approval is committed and the process stops before the issuance (here: the order is moved
   * to APPROVED the way the approval moves it, and the app is closed before anything issues it).
   * The next start finishes it.
   */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void anApprovalLeftWithoutItsCertificateIsIssuedAtTheNextStart() throws Exception {
    Order order = waitingOrder(OrderApplications.OTHER_CREDIT_CODE);
    app.bean(OrderService.class)
        .move(
            order.id(), OrderStatus.APPROVED, HistoryNote.text("审核通过"), Actor.operator("reviewer"));
    app.close();
    app = null;

    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));

    assertThat(app.bean(OrderService.class).find(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.ISSUED);
    JdbcClient jdbc = app.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM order_certificate WHERE order_id = ?")
                .param(order.id())
                .query(Long.class)
                .single())
        .isOne();
    // with its seal and the channel's sync
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM seal s JOIN order_certificate o ON o.ca_name = s.ca_name"
                        + " AND o.serial = s.certificate_serial WHERE o.order_id = ?")
                .param(order.id())
                .query(Long.class)
                .single())
        .isOne();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM channel_certificate WHERE order_id = ?")
                .param(order.id())
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void anApplicantWithoutSignInReachesNoConsolePage() throws Exception {
    Session applicant = new Session();

    HttpResponse<String> queue = applicant.get("/console/");
    assertThat(queue.statusCode()).isEqualTo(302);
    assertThat(queue.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    assertThat(applicant.get("/console/admin/operators").statusCode()).isEqualTo(302);
    // a decision without a session and token is refused before any controller
    assertThat(applicant.post("/console/orders/CH1/approve", null, Map.of()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aReviewerCannotReachTheAdministratorsPagesAndAnAdministratorCan() throws Exception {
    Session reviewer = new Session();
    assertThat(reviewer.signIn("reviewer", "certhall-demo").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));

    assertThat(reviewer.get("/console/").statusCode()).isEqualTo(200);
    assertThat(reviewer.get("/console/admin/operators").statusCode()).isEqualTo(403);

    operator("admin-one", "admin password 1", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-one", "admin password 1");
    HttpResponse<String> page = admin.get("/console/admin/operators");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("reviewer", "审核员", "CA 管理员").doesNotContain("{bcrypt}");
    assertThat(reviewer.get("/console/admin/audit").statusCode()).isEqualTo(403);
    assertThat(admin.get("/console/admin/audit").body()).contains("审计日志完整");

    // the administrator creates a reviewer, who can then sign in
    admin.post(
        "/console/admin/operators",
        admin.csrf("/console/admin/operators"),
        Map.of("username", "wang.shen", "password", "a long password", "role", "REVIEWER"));
    assertThat(
            new Session().signIn("wang.shen", "a long password").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
  }

  /** Issue 16, point 2: the demo run has a CA administrator, so the administrator's pages open. */
  @Test
  void theDemoCaAdministratorSignsInAndReachesTheAdministratorsPages() throws Exception {
    Session admin = new Session();
    assertThat(admin.signIn("admin", "certhall-demo-admin").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
    HttpResponse<String> operators = admin.get("/console/admin/operators");
    assertThat(operators.statusCode()).isEqualTo(200);
    assertThat(operators.body()).contains("admin", "CA 管理员", "reviewer", "审核员");
    assertThat(admin.get("/console/admin/audit").body()).contains("审计日志完整");
    assertThat(admin.get("/console/admin/channels").statusCode()).isEqualTo(200);
    assertThat(admin.get("/console/admin/deliveries").statusCode()).isEqualTo(200);
  }

  /**
   * Issue 16, point 3: a reviewer on an administrator's page is told the page needs the CA
   * administrator role (Chinese, English); a CSRF failure keeps its own wording.
   */
  @Test
  void aReviewerOnAnAdministratorsPageIsToldItNeedsTheRoleNotThatThePageExpired() throws Exception {
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    for (String path :
        List.of(
            "/console/admin/operators",
            "/console/admin/audit",
            "/console/admin/channels",
            "/console/admin/deliveries")) {
      HttpResponse<String> denied = reviewer.get(path);
      assertThat(denied.statusCode()).as(path).isEqualTo(403);
      assertThat(denied.body()).as(path).contains("此页面需要 CA 管理员角色").doesNotContain("页面已过期");
    }
    HttpResponse<String> english = reviewer.get("/console/admin/operators?lang=en");
    assertThat(english.statusCode()).isEqualTo(403);
    assertThat(english.body()).contains("This page needs the CA administrator role");
    reviewer.get("/console/?lang=zh-CN");
    // a form sent by the reviewer to an administrator's address: still the role, not the CSRF page
    HttpResponse<String> post =
        reviewer.post(
            "/console/admin/operators",
            reviewer.csrf("/console/"),
            Map.of("username", "sneaky", "password", "a long password", "role", "CA_ADMIN"));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body()).contains("此页面需要 CA 管理员角色");
    // without its CSRF token a form gets the expired-page wording, whoever sends it
    HttpResponse<String> forged =
        reviewer.http.send(
            HttpRequest.newBuilder(URI.create(app.url("/console/orders/CH0/claim")))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("页面已过期").doesNotContain("CA 管理员角色");
  }

  /**
   * Issue 16, point 7: the order page speaks the portal's labels, not status codes, and shows each
   * verification: which, by which method, passed when.
   */
  @Test
  void theOrderPageShowsLabelsAndTheOutcomeOfEachVerification() throws Exception {
    Order order = waitingOrder(ReviewFixtures.creditCode("91350100MA0070007"));
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");
    String page = reviewer.get("/console/orders/" + order.id()).body();
    assertThat(page)
        .contains("等待审核", "申请表已填写", "授权码已验证", "单位证书新办")
        .doesNotContain("WAITING_FOR_REVIEW", "APPLICATION_FILLED", "AUTHORIZATION_CODE_ENTERED");
    assertThat(page).contains("核验结果", "证书及印章管理员实名核验", "银行卡信息", "企业认证（证书授权码）", "企业对公打款", "已通过（");
  }

  /**
   * One sign-in try from a visitor at {@code address}, with a session and CSRF token of its own.
   */
  static FromAddress.Answer signInFrom(String address, String username, String password) {
    FromAddress visitor = new FromAddress(address, app.port());
    visitor.get("/console/login");
    return visitor.post("/console/login", Map.of("username", username, "password", password));
  }

  /** Each answer's redirect: "/console/" (signed in), "?error" (compared, wrong) or "?locked". */
  static List<String> parallelSignIns(String address, String username, List<String> passwords)
      throws Exception {
    List<FromAddress> visitors = new ArrayList<>();
    for (int i = 0; i < passwords.size(); i++) {
      FromAddress visitor = new FromAddress(address, app.port());
      visitor.get("/console/login");
      visitors.add(visitor);
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < passwords.size(); i++) {
        FromAddress visitor = visitors.get(i);
        String password = passwords.get(i);
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  String location =
                      visitor
                          .post(
                              "/console/login", Map.of("username", username, "password", password))
                          .location();
                  return location.substring(location.indexOf("/console/"));
                }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> answer : answers) {
        outcomes.add(answer.get(2, TimeUnit.MINUTES));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fortyParallelGuessesFromOneAddressGetExactlyTheAddressCapComparedAndTheRightPasswordNoLater()
      throws Exception {
    operator("li.shen", "right password 5", Role.REVIEWER);
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      passwords.add(i == 34 ? "right password 5" : "wrong " + i);
    }

    List<String> outcomes = parallelSignIns("127.0.0.21", "li.shen", passwords);

    // A try is taken before the password is compared and a right password gives it back, so
    // whether the right one arrived among the first ten decides whether an eleventh was compared.
    long wrongCompared = outcomes.stream().filter(o -> o.equals("/console/login?error")).count();
    long signedIn = outcomes.stream().filter(o -> o.equals("/console/")).count();
    assertThat(wrongCompared).as(outcomes.toString()).isLessThanOrEqualTo(10);
    assertThat(signedIn).as(outcomes.toString()).isLessThanOrEqualTo(1);
    assertThat(wrongCompared + signedIn).as(outcomes.toString()).isGreaterThanOrEqualTo(10);
    assertThat(signInFrom("127.0.0.21", "li.shen", "right password 5").location())
        .as("after %d wrong passwords compared", wrongCompared)
        .endsWith(wrongCompared == 10 ? "/console/login?locked" : "/console/");
  }

  @Test
  void oneAddressGuessingCannotLockTheAccountForOthers() throws Exception {
    operator("sun.shen", "right password 6", Role.REVIEWER);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      wrong.add("wrong " + i);
    }

    assertThat(parallelSignIns("127.0.0.41", "sun.shen", wrong)).contains("/console/login?locked");

    assertThat(signInFrom("127.0.0.42", "sun.shen", "right password 6").location())
        .endsWith("/console/");
  }

  @Test
  void guessingFromSeveralAddressesLocksAnUnknownNameAsARealOneUntilAnAdministratorUnlocks()
      throws Exception {
    operator("zhao.shen", "right password 1", Role.REVIEWER);
    Map<String, List<String>> addresses =
        Map.of(
            "zhao.shen", List.of("127.0.0.31", "127.0.0.32", "127.0.0.33"),
            "zhao.nobody", List.of("127.0.0.34", "127.0.0.35", "127.0.0.36"));
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      wrong.add("wrong " + i);
    }
    for (Map.Entry<String, List<String>> name : addresses.entrySet()) {
      for (String address : name.getValue()) {
        assertThat(parallelSignIns(address, name.getKey(), wrong))
            .containsOnly("/console/login?error");
      }
    }

    FromAddress.Answer real = signInFrom("127.0.0.37", "zhao.shen", "right password 1");
    FromAddress.Answer unknown = signInFrom("127.0.0.38", "zhao.nobody", "right password 1");
    assertThat(real.status()).isEqualTo(unknown.status()).isEqualTo(302);
    assertThat(real.location()).endsWith("/console/login?locked");
    assertThat(unknown.location()).isEqualTo(real.location());
    assertThat(someonesPage("/console/login?locked")).contains("登录尝试次数过多");

    operator("admin-two", "admin password 2", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-two", "admin password 2");
    assertThat(admin.get("/console/admin/operators").body()).contains("已锁定");
    admin.post(
        "/console/admin/operators/password",
        admin.csrf("/console/admin/operators"),
        Map.of("username", "zhao.shen", "password", "a new password 1"));
    assertThat(signInFrom("127.0.0.37", "zhao.shen", "a new password 1").location())
        .endsWith("/console/");
  }

  static String someonesPage(String path) throws Exception {
    return new Session().get(path).body();
  }

  @Test
  void aReviewerRejectsFromTheQueueThenApprovesTheResubmittedOrder() throws Exception {
    Order order = waitingOrder(OrderApplications.CREDIT_CODE);
    Session reviewer = new Session();
    reviewer.signIn("reviewer", "certhall-demo");

    String queue = reviewer.get("/console/").body();
    assertThat(queue).contains(order.id(), "福州测试科技有限公司", "单位证书新办", "审核期限");
    String page = "/console/orders/" + order.id();
    assertThat(reviewer.get(page).body()).contains("上传的照片不清晰", "授权委托书未加盖单位公章或法定代表人未签字");

    String csrf = reviewer.csrf(page);
    reviewer.post(page + "/claim", csrf, Map.of());
    HttpResponse<String> rejected =
        reviewer.post(
            page + "/reject", csrf, Map.of("reason", "LETTER_NOT_STAMPED", "text", "缺少公章"));
    assertThat(rejected.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
    OrderService orders = app.bean(OrderService.class);
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);

    // the handler corrects and signs again: the same order is back in the queue
    orders.move(order.id(), OrderStatus.APPLICATION_SIGNED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, HistoryNote.text("test set-up"));
    csrf = reviewer.csrf(page);
    reviewer.post(page + "/claim", csrf, Map.of());
    assertThat(reviewer.post(page + "/approve", csrf, Map.of()).headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));

    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.ISSUED);
    app.bean(NotificationDispatcher.class).dispatchDue();
    List<String> sandbox =
        app.bean(JdbcClient.class)
            .sql("SELECT kind || ':' || body FROM sandbox_message WHERE body LIKE ? ORDER BY id")
            .param("%" + order.id() + "%")
            .query(String.class)
            .list();
    assertThat(sandbox)
        .anySatisfy(m -> assertThat(m).startsWith("SMS:").contains("审核未通过", "缺少公章"))
        .anySatisfy(m -> assertThat(m).startsWith("EMAIL:").contains("审核未通过"))
        .anySatisfy(m -> assertThat(m).startsWith("SMS:").contains("审核通过"))
        // issue 16, point 8: sent once the certificate exists, and saying so
        .anySatisfy(m -> assertThat(m).startsWith("SMS:").contains("审核通过", "证书已签发"))
        .anySatisfy(m -> assertThat(m).startsWith("EMAIL:").contains("证书已签发", "has been issued"))
        .noneSatisfy(m -> assertThat(m).contains("正在签发"));
  }
}
