package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.order.BusinessType;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
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
        body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
      }
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
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
      orders.move(order.id(), to, null);
    }
    return order;
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
        .move(order.id(), OrderStatus.APPROVED, "审核通过", Actor.operator("reviewer"));
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
    assertThat(new Session().signIn("wang.shen", "a long password").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
  }

  @Test
  void fiveWrongPasswordsLockTheAccountUntilAnAdministratorResetsIt() throws Exception {
    operator("zhao.shen", "right password 1", Role.REVIEWER);
    Session someone = new Session();
    for (int i = 0; i < OperatorSignIn.MAX_FAILURES; i++) {
      assertThat(someone.signIn("zhao.shen", "wrong " + i).headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
    }

    assertThat(someone.signIn("zhao.shen", "right password 1").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?locked"));
    assertThat(someone.get("/console/login?locked").body()).contains("已锁定");

    operator("admin-two", "admin password 2", Role.CA_ADMIN);
    Session admin = new Session();
    admin.signIn("admin-two", "admin password 2");
    admin.post(
        "/console/admin/operators/password",
        admin.csrf("/console/admin/operators"),
        Map.of("username", "zhao.shen", "password", "a new password 1"));
    assertThat(new Session().signIn("zhao.shen", "a new password 1").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
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
        reviewer.post(page + "/reject", csrf, Map.of("reason", "LETTER_NOT_STAMPED", "text", "缺少公章"));
    assertThat(rejected.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
    OrderService orders = app.bean(OrderService.class);
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);

    // the handler corrects and signs again: the same order is back in the queue
    orders.move(order.id(), OrderStatus.APPLICATION_SIGNED, null);
    orders.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, null);
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
        .anySatisfy(m -> assertThat(m).startsWith("SMS:").contains("审核通过"));
  }
}
