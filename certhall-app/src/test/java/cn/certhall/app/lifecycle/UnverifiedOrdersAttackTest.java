package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.ShiftedClock;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.domain.inactivity.InactiveOrderCancellation;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Security issue 14, points 1, 2 and 12, as the attacker did it against the running app (on
 * PostgreSQL, sandbox). Point 1: he knows an organization's public credit code, files the 单位证书新办
 * form with it, his own mobile as handler and a legal representative who fails verification, then
 * asks 我的订单 and the lifecycle entry for a code to his mobile: nothing of his application may become
 * an order, no code reaches him, he opens none of the organization's orders, and the organization
 * still applies. Point 12: the 存在未完成订单 page names no order. Point 2: an order left alone gets its
 * notice after 27 days and is cancelled after 30, once each however many runs of the job there are
 * at the same time, and its slot is free again (the app runs on a {@link ShiftedClock}; that test
 * runs last, after the days have passed). {@link UnverifiedOrdersAttackH2Test} runs the same on H2,
 * the embedded default.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnverifiedOrdersAttackTest {
  static final String ATTACKER_MOBILE = "13866661234";
  static final String REAL_HANDLER_MOBILE = "13800138001";
  static final Pattern ENTRY_CODE = Pattern.compile("验证码为(\\d{6})");
  static final Pattern ORDER_NUMBER = Pattern.compile("CH\\d{8}[A-Z0-9]{12}");
  static final Pattern AUTHORIZATION_CODE = Pattern.compile("证书授权码为?(\\d{6})");

  @TempDir static Path dataDir;
  static RunningApp app;

  static ShiftedClock clock;

  @BeforeAll
  static void start() {
    app = start(TestDatabases.freshPostgres());
  }

  /** The app on {@code database} and a clock of its own, which the last test moves on. */
  static RunningApp start(TestDatabases.Target database) {
    clock = new ShiftedClock();
    return RunningApp.start(
        database,
        dataDir,
        // a short resend cooldown lets the real handler ask right after the attacker did
        Map.of(
            "certhall.ca.hierarchies",
            "ECDSA",
            "certhall.verification.sms.lifetime",
            "10m",
            "certhall.verification.sms.max-wrong-tries",
            "5",
            "certhall.verification.sms.resend-cooldown",
            "1s",
            // every request here comes from one address, and the parallel ones share one mobile
            "certhall.limits.sms.per-address",
            "500",
            "certhall.limits.sms.per-mobile",
            "100"),
        clock);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * The attacker's form: the organization's public data, his own handler data, a failing legal rep.
   */
  static Map<String, String> attackerForm(String creditCode) {
    return ApplicationForms.byLegalRepMobile(
        "福州测试科技有限公司",
        creditCode,
        "假法人",
        ATTACKER_MOBILE,
        "赵攻击",
        LifecycleFixtures.residentId("11010119950505123"),
        ATTACKER_MOBILE,
        "attacker@example.cn");
  }

  static HttpResponse<String> fileForm(PortalHttp s, Map<String, String> form) {
    s.get("/apply?channelId=demo");
    assertThat(s.post("/apply", Map.of("channelId", "demo", "agree", "yes")).statusCode())
        .isEqualTo(302);
    s.get("/apply/form");
    return s.post("/apply/form", form);
  }

  /** Everything the sandbox delivered to a mobile, as its JSON. */
  static String sandboxMessages(String mobile) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.url("/sandbox/api/messages?to=" + mobile)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static OrderList orders(String creditCode) {
    return app.bean(OrderService.class).list(creditCode, BusinessType.NEW_UNIT_CERTIFICATE);
  }

  /** 我的订单 proven by the real handler, asking again while the last request's cooldown lasts. */
  static PortalHttp provenOwner(String creditCode) throws InterruptedException {
    return provenOwner(creditCode, REAL_HANDLER_MOBILE);
  }

  static PortalHttp provenOwner(String creditCode, String handlerMobile)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      PortalHttp owner = new PortalHttp(app);
      try {
        owner.proveUnit(creditCode, handlerMobile);
        return owner;
      } catch (AssertionError stillCoolingDown) {
        if (Instant.now().isAfter(deadline)) {
          throw stillCoolingDown;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  @Order(1)
  void an_unverified_application_takes_over_neither_order_query_nor_the_lifecycle_entry()
      throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0TAKE01");
    CertificateRef issued =
        LifecycleFixtures.issuedNewUnit(
            app,
            creditCode,
            Instant.now().plus(300, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    cn.certhall.domain.order.Order issuedOrder = orders(creditCode).finished().get(0);

    PortalHttp attacker = new PortalHttp(app);
    HttpResponse<String> filed = fileForm(attacker, attackerForm(creditCode));
    assertThat(filed.statusCode()).isEqualTo(200);
    assertThat(filed.body()).contains("法定代表人信息核验未通过");

    // 我的订单: the code must not go to the attacker's mobile
    attacker.get("/orders");
    HttpResponse<String> sent =
        attacker.post("/orders", Map.of("kind", "UNIT", "idNumber", creditCode, "action", "send"));
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sandboxMessages(ATTACKER_MOBILE)).doesNotContain("查询证书订单");
    HttpResponse<String> guessed =
        attacker.post(
            "/orders",
            Map.of("kind", "UNIT", "idNumber", creditCode, "code", "123456", "action", "verify"));
    assertThat(guessed.statusCode()).isNotEqualTo(302);
    assertThat(attacker.get("/orders/" + issuedOrder.id()).statusCode()).isEqualTo(404);
    assertThat(attacker.download("/orders/" + issuedOrder.id() + "/seal.png").statusCode())
        .isEqualTo(404);

    assertThat(orders(creditCode).unfinished()).as("a failed application is no order").isEmpty();

    // the lifecycle entry with his name and mobile: no code either
    attacker.get("/renewal?channelId=demo");
    attacker.post(
        "/renewal",
        Map.of(
            "method",
            "HANDLER",
            "creditCode",
            creditCode,
            "name",
            "赵攻击",
            "mobile",
            ATTACKER_MOBILE,
            "action",
            "send"));
    assertThat(sandboxMessages(ATTACKER_MOBILE)).doesNotContain("验证码为");

    // the real handler still gets 我的订单's code (once the attacker's cooldown is over) and sees it
    PortalHttp owner = provenOwner(creditCode);
    assertThat(owner.get("/orders/" + issuedOrder.id()).statusCode()).isEqualTo(200);
    assertThat(issued.serialHex()).isNotBlank();

    // and the organization can apply again: the attacker holds no unfinished order
    Map<String, String> real = attackerForm(creditCode);
    real.put("legalRepName", "张法人");
    real.put("handlerName", "李经办");
    real.put("handlerMobile", REAL_HANDLER_MOBILE);
    real.put("legalRepMobile", "13700137003");
    HttpResponse<String> applied = fileForm(new PortalHttp(app), real);
    assertThat(applied.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(applied)).matches("/apply/CH\\w+/confirm");
  }

  @Test
  @Order(2)
  void the_unfinished_order_page_names_no_order_and_points_to_order_query() throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0TAKE02");
    Map<String, String> real = attackerForm(creditCode);
    real.put("legalRepName", "张法人");
    real.put("handlerMobile", REAL_HANDLER_MOBILE);
    real.put("legalRepMobile", "13700137003");
    PortalHttp handler = new PortalHttp(app);
    HttpResponse<String> applied = fileForm(handler, real);
    assertThat(applied.statusCode()).isEqualTo(302);
    String openOrderId = orderOf(applied);
    // the page is for an order that passed verification: its authorization code was entered
    assertThat(PortalHttp.location(enterCode(handler, openOrderId, "13700137003")))
        .endsWith("/materials");

    HttpResponse<String> page = fileForm(new PortalHttp(app), attackerForm(creditCode));
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.body())
        .contains("存在未完成订单", "已有一笔同类业务的未完成订单", "订单查询", "href=\"/orders?channelId=demo\"")
        .doesNotContain(openOrderId, "订单号", REAL_HANDLER_MOBILE);
    assertThat(ORDER_NUMBER.matcher(page.body()).find())
        .as("no order number on the page")
        .isFalse();
  }

  /** The real organization's form: its legal representative's data, its handler's mobile. */
  static Map<String, String> realForm(
      String creditCode, String handlerMobile, String legalRepMobile) {
    Map<String, String> real = attackerForm(creditCode);
    real.put("legalRepName", "张法人");
    real.put("handlerName", "李经办");
    real.put("handlerMobile", handlerMobile);
    real.put("legalRepMobile", legalRepMobile);
    return real;
  }

  /** The order a filed form became, from the redirect to its confirmation page. */
  static String orderOf(HttpResponse<String> filed) {
    assertThat(filed.statusCode())
        .as(
            () ->
                "the form became an order: "
                    + filed.body().replaceAll("(?s).*?(<[^>]*-error.*?</).*", "$1"))
        .isEqualTo(302);
    String confirm = PortalHttp.location(filed);
    assertThat(confirm).matches("/apply/CH\\w+/confirm");
    return confirm.split("/")[2];
  }

  /** 确认订单, then the newest authorization code the legal representative's mobile received. */
  static HttpResponse<String> enterCode(PortalHttp s, String orderId, String legalRepMobile) {
    assertThat(s.post("/apply/" + orderId + "/confirm", Map.of()).statusCode()).isEqualTo(302);
    s.get("/apply/" + orderId + "/code");
    String code = PortalHttp.sandboxCode(app, legalRepMobile, AUTHORIZATION_CODE);
    HttpResponse<String> entered = s.post("/apply/" + orderId + "/code", Map.of("code", code));
    assertThat(entered.statusCode()).isEqualTo(302);
    return entered;
  }

  /**
   * The order was cancelled as replaced by a new application: its history and the audit log say so.
   */
  static void assertReplaced(String orderId) {
    cn.certhall.domain.order.Order old = app.bean(OrderService.class).find(orderId).orElseThrow();
    assertThat(old.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(old.history().get(old.history().size() - 1).note())
        .isEqualTo(OrderService.REPLACED_NOTE);
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM audit_log WHERE subject = ? AND details LIKE ?")
                .params(orderId, "%→ CANCELLED: " + OrderService.REPLACED_NOTE + "%")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void an_attackers_order_whose_code_was_never_entered_does_not_block_the_organization()
      throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0TAKE03");
    String legalRepMobile = "13700137013";
    // he knows the legal representative's data: both checks pass, the code goes to her mobile
    PortalHttp attacker = new PortalHttp(app);
    Map<String, String> known = attackerForm(creditCode);
    known.put("legalRepName", "张法人");
    known.put("legalRepMobile", legalRepMobile);
    String stored = orderOf(fileForm(attacker, known));
    assertThat(attacker.post("/apply/" + stored + "/confirm", Map.of()).statusCode())
        .isEqualTo(302);
    String attackersCode = PortalHttp.sandboxCode(app, legalRepMobile, AUTHORIZATION_CODE);

    // the organization applies, meets no 存在未完成订单, gets its code and continues
    PortalHttp organization = new PortalHttp(app);
    HttpResponse<String> applied =
        fileForm(organization, realForm(creditCode, "13800138031", legalRepMobile));
    assertThat(applied.body()).doesNotContain("存在未完成订单");
    String real = orderOf(applied);
    assertThat(real).isNotEqualTo(stored);
    assertThat(organization.get("/apply/" + real + "/confirm").body())
        .doesNotContain(stored, ATTACKER_MOBILE);
    assertThat(PortalHttp.location(enterCode(organization, real, legalRepMobile)))
        .endsWith("/materials");
    assertThat(organization.get("/apply/" + real + "/materials").statusCode()).isEqualTo(200);

    // the stored order is cancelled as replaced; the code sent for it opens nothing any more
    assertReplaced(stored);
    HttpResponse<String> late =
        attacker.post("/apply/" + stored + "/code", Map.of("code", attackersCode));
    assertThat(late.statusCode()).isNotEqualTo(200);
    assertThat(late.headers().firstValue("Location").orElse("")).doesNotEndWith("/materials");
    assertThat(orders(creditCode).unfinished())
        .singleElement()
        .satisfies(order -> assertThat(order.id()).isEqualTo(real));
    assertThat(attacker.get("/apply/" + real + "/materials").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void a_real_applicant_who_lost_the_session_before_the_code_applies_again_and_goes_on()
      throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0RET004");
    String handlerMobile = "13800138041";
    String legalRepMobile = "13700137014";
    Map<String, String> real = realForm(creditCode, handlerMobile, legalRepMobile);
    PortalHttp lost = new PortalHttp(app);
    String first = orderOf(fileForm(lost, real));
    assertThat(lost.post("/apply/" + first + "/confirm", Map.of()).statusCode()).isEqualTo(302);

    // the browser session is gone; 我的订单 sends no code for an order that never passed verification
    PortalHttp back = new PortalHttp(app);
    back.get("/orders");
    back.post("/orders", Map.of("kind", "UNIT", "idNumber", creditCode, "action", "send"));
    assertThat(sandboxMessages(handlerMobile)).doesNotContain("查询证书订单");

    // so the handler applies again, and that application takes the slot
    String second = orderOf(fileForm(back, real));
    assertThat(PortalHttp.location(enterCode(back, second, legalRepMobile))).endsWith("/materials");
    assertReplaced(first);
    // and 我的订单 now reaches it
    assertThat(provenOwner(creditCode, handlerMobile).get("/orders/" + second).statusCode())
        .isEqualTo(200);
  }

  record Filed(PortalHttp session, HttpResponse<String> answer) {}

  /** {@code sessions} browsers file {@code form} at the same moment. */
  static List<Filed> fileAtOnce(Map<String, String> form, int sessions) throws Exception {
    List<PortalHttp> browsers = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      PortalHttp s = new PortalHttp(app);
      s.get("/apply?channelId=demo");
      assertThat(s.post("/apply", Map.of("channelId", "demo", "agree", "yes")).statusCode())
          .isEqualTo(302);
      s.get("/apply/form");
      browsers.add(s);
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try {
      List<Future<Filed>> answers = new ArrayList<>();
      for (PortalHttp s : browsers) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return new Filed(s, s.post("/apply/form", form));
                }));
      }
      go.countDown();
      List<Filed> all = new ArrayList<>();
      for (Future<Filed> answer : answers) {
        all.add(answer.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(5)
  void parallel_applications_leave_one_unfinished_order_and_a_proven_one_keeps_its_slot()
      throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0PAR005");
    String legalRepMobile = "13700137015";
    Map<String, String> real = realForm(creditCode, "13800138051", legalRepMobile);
    int sessions = 6;
    Map<String, PortalHttp> started = new LinkedHashMap<>();
    for (Filed filed : fileAtOnce(real, sessions)) {
      // each passed both checks: none is refused for another that never passed verification
      started.put(orderOf(filed.answer()), filed.session());
    }
    assertThat(started).hasSize(sessions);
    OrderList list = orders(creditCode);
    assertThat(list.unfinished()).hasSize(1);
    String survivor = list.unfinished().get(0).id();
    assertThat(started).containsKey(survivor);
    assertThat(list.finished()).hasSize(sessions - 1);
    started.keySet().stream()
        .filter(id -> !id.equals(survivor))
        .forEach(UnverifiedOrdersAttackTest::assertReplaced);

    // its applicant asks for a new code (the newest SMS may be another start's) and enters it; then
    // the order holds the slot against any number of parallel attempts
    PortalHttp winner = started.get(survivor);
    assertThat(winner.post("/apply/" + survivor + "/confirm", Map.of()).statusCode())
        .isEqualTo(302);
    Instant deadline = Instant.now().plusSeconds(10);
    while (winner.post("/apply/" + survivor + "/code/resend", Map.of()).statusCode() != 302
        || !winner.get("/apply/" + survivor + "/code").body().contains("新的证书授权码已发送")) {
      assertThat(Instant.now()).as("the resend cooldown ends").isBefore(deadline);
      Thread.sleep(200);
    }
    String code = PortalHttp.sandboxCode(app, legalRepMobile, AUTHORIZATION_CODE);
    HttpResponse<String> entered =
        winner.post("/apply/" + survivor + "/code", Map.of("code", code));
    assertThat(PortalHttp.location(entered)).endsWith("/materials");
    for (Filed filed : fileAtOnce(real, sessions)) {
      assertThat(filed.answer().statusCode()).isEqualTo(409);
      assertThat(filed.answer().body()).contains("存在未完成订单").doesNotContain(survivor);
    }
    assertThat(orders(creditCode).unfinished())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.id()).isEqualTo(survivor);
              assertThat(order.status()).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
            });
  }

  static long notices(String orderId, String channel, String text) {
    return app.bean(JdbcClient.class)
        .sql(
            "SELECT COUNT(*) FROM notification_outbox WHERE order_id = ? AND channel = ? AND body LIKE ?")
        .params(orderId, channel, "%" + text + "%")
        .query(Long.class)
        .single();
  }

  /** The job run {@code times} times at once, as several nodes (and the scheduler) would. */
  static void runConcurrently(int times) throws Exception {
    InactiveOrderCancellation job = app.bean(InactiveOrderCancellation.class);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(times);
    try {
      List<Future<InactiveOrderCancellation.Run>> runs = new ArrayList<>();
      for (int i = 0; i < times; i++) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  return job.run();
                }));
      }
      go.countDown();
      for (Future<InactiveOrderCancellation.Run> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(10)
  void an_order_left_alone_is_warned_at_27_days_and_cancelled_at_30_once() throws Exception {
    // the form as the real handler files it
    String creditCode = LifecycleFixtures.creditCode("91350100MA0LAG003");
    Map<String, String> real = attackerForm(creditCode);
    real.put("legalRepName", "张法人");
    real.put("handlerName", "李经办");
    real.put("handlerMobile", "13800138077");
    real.put("handlerEmail", "idle@example.cn");
    real.put("legalRepMobile", "13700137003");
    HttpResponse<String> filed = fileForm(new PortalHttp(app), real);
    assertThat(filed.statusCode())
        .as(filed.body().replaceAll("(?s).*(<[^>]*-error.*?</).*", "$1"))
        .isEqualTo(302);
    String orderId = orders(creditCode).unfinished().get(0).id();
    // one whose applicant comes back after the notice: a step starts a new idle spell
    String activeCode = LifecycleFixtures.creditCode("91350100MA0LAG005");
    Map<String, String> active = new LinkedHashMap<>(real);
    active.put("creditCode", activeCode);
    active.put("handlerMobile", "13800138078");
    assertThat(fileForm(new PortalHttp(app), active).statusCode()).isEqualTo(302);
    String comesBack = orders(activeCode).unfinished().get(0).id();
    // one waiting for review: the CA's to finish, never cancelled for inactivity
    String waitingCode = LifecycleFixtures.creditCode("91350100MA0LAG004");
    OrderService service = app.bean(OrderService.class);
    String waiting =
        service
            .start(
                BusinessType.NEW_UNIT_CERTIFICATE,
                "demo",
                LifecycleFixtures.application(waitingCode))
            .id();
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      service.move(waiting, s, HistoryNote.text("test set-up"));
    }

    clock.advance(Duration.ofDays(26));
    runConcurrently(4);
    assertThat(notices(orderId, "SMS", "自动取消")).as("no notice at 26 days").isZero();

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    runConcurrently(4);
    runConcurrently(1);
    assertThat(notices(orderId, "SMS", "将于")).as("one SMS notice at 27 days").isEqualTo(1);
    assertThat(notices(orderId, "EMAIL", "将于")).as("one email notice at 27 days").isEqualTo(1);
    assertThat(service.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.VERIFIED);
    assertThat(notices(comesBack, "SMS", "将于")).isEqualTo(1);
    service.move(comesBack, OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));

    clock.advance(Duration.ofDays(3));
    runConcurrently(4);
    runConcurrently(1);
    cn.certhall.domain.order.Order cancelled = service.find(orderId).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.history().get(cancelled.history().size() - 1).note())
        .isEqualTo(HistoryNote.of("history.inactivity.cancelled", "30"));
    assertThat(notices(orderId, "SMS", "已自动取消")).as("one SMS at cancellation").isEqualTo(1);
    assertThat(notices(orderId, "EMAIL", "已由系统自动取消")).as("one email at cancellation").isEqualTo(1);
    assertThat(
            app.bean(JdbcClient.class)
                .sql(
                    "SELECT COUNT(*) FROM audit_log WHERE subject = ? AND actor = 'system' AND details LIKE ?")
                .params(orderId, "%→ CANCELLED: history.inactivity.cancelled[30]%")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(service.find(waiting).orElseThrow().status())
        .isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(notices(waiting, "SMS", "自动取消")).isZero();
    assertThat(service.find(comesBack).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(notices(comesBack, "SMS", "已自动取消")).isZero();

    // the slot is free: the organization applies again
    HttpResponse<String> again = fileForm(new PortalHttp(app), real);
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(again)).matches("/apply/CH\\w+/confirm");
  }

  /**
   * Issue 16 point 13, here because this class's app runs on a clock a test may move: a certificate
   * that expired more than 365 days ago is refused for renewal, and the list links to 单位证书新办.
   */
  @Test
  @Order(11)
  void
      a_certificate_expired_more_than_365_days_is_refused_for_renewal_with_a_link_to_a_new_application()
          throws Exception {
    String creditCode = LifecycleFixtures.creditCode("91350100MA0EXP011");
    CertificateRef old =
        LifecycleFixtures.issuedNewUnit(
            app,
            creditCode,
            Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    clock.advance(Duration.ofDays(400));

    PortalHttp handler = new PortalHttp(app);
    handler.get("/renewal?channelId=demo");
    Map<String, String> who =
        Map.of(
            "method",
            "HANDLER",
            "creditCode",
            creditCode,
            "name",
            LifecyclePortalTest.HANDLER,
            "mobile",
            LifecyclePortalTest.HANDLER_MOBILE);
    assertThat(handler.post("/renewal", LifecyclePortalTest.with(who, "action", "send")).body())
        .contains("验证码已发送");
    String code =
        PortalHttp.sandboxCode(
            app, LifecyclePortalTest.HANDLER_MOBILE, LifecyclePortalTest.ENTRY_CODE);
    assertThat(
            handler
                .post("/renewal", LifecyclePortalTest.with(who, "action", "verify", "code", code))
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> list = handler.get("/renewal/certificates");
    assertThat(list.body())
        .contains(
            "证书已过期超过 365 天",
            "id=\"apply-" + old.serialHex() + "\"",
            "href=\"/apply?channelId=demo\"")
        .doesNotContain("id=\"act-" + old.serialHex() + "\"");
  }
}
