package cn.certhall.app.limit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.web.FromAddress;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily SMS caps attacked over HTTP as a visitor would, with 我的订单's 获取验证码 and the resend
 * cooldown set to zero so that only the caps stand in the way: parallel requests on H2, and on two
 * nodes sharing one PostgreSQL, send exactly the cap (the sandbox's outbox shows it); the caps per
 * ID number and per address hold for numbers without orders too; and expired codes and ended
 * counters are purged.
 */
class SmsCapsTest {
  static final int PER_MOBILE = 5;
  static final int PER_SUBJECT = 8;
  static final int PER_ADDRESS = 12;
  static final String HANDLER_MOBILE = "13800138001";
  static final String REQUESTED = "验证码已发送至订单经办人的手机";
  static final String CAP_REACHED = "今日获取验证码的次数已达上限";
  static final AtomicInteger SEQ = new AtomicInteger();

  @TempDir static Path h2Dir;
  @TempDir static Path postgresDir;
  static RunningApp h2;
  static RunningApp nodeA;
  static RunningApp nodeB;

  static final Map<String, String> SETTINGS =
      Map.of(
          "certhall.ca.hierarchies", "ECDSA",
          "certhall.sandbox.enabled", "true",
          "certhall.verification.sms.resend-cooldown", "0s",
          "certhall.limits.sms.per-mobile", String.valueOf(PER_MOBILE),
          "certhall.limits.sms.per-subject", String.valueOf(PER_SUBJECT),
          "certhall.limits.sms.per-address", String.valueOf(PER_ADDRESS),
          "certhall.limits.purge-interval", "1s",
          "certhall.limits.code-purge-after", "1h");

  @BeforeAll
  static void start() throws Exception {
    h2 = RunningApp.start(RunningApp.h2File(h2Dir), h2Dir, SETTINGS);
    TestDatabases.Target postgres = TestDatabases.freshPostgres();
    // two nodes of one installation: one database, one key store
    nodeA = RunningApp.start(postgres, postgresDir, SETTINGS);
    nodeB = RunningApp.start(postgres, postgresDir, SETTINGS);
  }

  @AfterAll
  static void stop() {
    for (RunningApp app : new RunningApp[] {nodeB, nodeA, h2}) {
      if (app != null) {
        app.close();
      }
    }
  }

  static String creditCode() {
    String first17 = String.format("91350100M%08d", 20000 + SEQ.incrementAndGet());
    for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(first17 + c).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check character for " + first17);
  }

  /**
   * An order of the credit code past verification, waiting for review: its handler gets the codes.
   */
  static void orderOf(RunningApp app, String creditCode) {
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
  }

  /** 获取验证码 on 我的订单 for each ID number at once, each from its own session; the pages. */
  static List<String> requestCodes(List<RunningApp> nodes, String address, List<String> idNumbers)
      throws Exception {
    List<FromAddress> visitors = new ArrayList<>();
    for (int i = 0; i < idNumbers.size(); i++) {
      FromAddress visitor = new FromAddress(address, nodes.get(i % nodes.size()).port());
      visitor.get("/orders");
      visitors.add(visitor);
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(idNumbers.size());
    try {
      List<Future<String>> pages = new ArrayList<>();
      for (int i = 0; i < idNumbers.size(); i++) {
        FromAddress visitor = visitors.get(i);
        Map<String, String> form =
            Map.of("kind", "UNIT", "idNumber", idNumbers.get(i), "action", "send");
        pages.add(
            pool.submit(
                () -> {
                  go.await();
                  return visitor.post("/orders", form).body();
                }));
      }
      go.countDown();
      List<String> bodies = new ArrayList<>();
      for (Future<String> page : pages) {
        bodies.add(page.get(2, TimeUnit.MINUTES));
      }
      return bodies;
    } finally {
      pool.shutdownNow();
    }
  }

  static long count(List<String> pages, String text) {
    return pages.stream().filter(page -> page.contains(text)).count();
  }

  /**
   * Every page answers either "sent" or "cap reached": anything else (an error page, a cooldown)
   * fails with its text.
   */
  static void eachPageIsSentOrCapReached(List<String> pages) {
    for (String page : pages) {
      assertThat(page.contains(REQUESTED) || page.contains(CAP_REACHED))
          .as("a page that neither sent nor refused for the cap: %s", errorText(page))
          .isTrue();
    }
  }

  static String errorText(String page) {
    java.util.regex.Matcher error =
        java.util.regex.Pattern.compile(
                "class=\"[^\"]*(?:error|problem)[^\"]*\"[^>]*>([^<]{1,300})")
            .matcher(page);
    return error.find() ? error.group(1).strip() : page.substring(0, Math.min(page.length(), 2000));
  }

  /** The texts the sandbox "sent" to the mobile, read from its API. */
  static int sandboxTextsTo(RunningApp app, String mobile) throws Exception {
    HttpResponse<String> messages =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(app.url("/sandbox/api/messages?to=" + mobile + "&limit=1000")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(messages.body()).size();
  }

  @Test
  void fortyParallelRequestsOnH2SendExactlyTheCapPerMobile() throws Exception {
    String creditCode = creditCode();
    orderOf(h2, creditCode);

    List<String> pages =
        requestCodes(List.of(h2), "127.0.0.51", Collections.nCopies(40, creditCode));

    eachPageIsSentOrCapReached(pages);
    assertThat(count(pages, REQUESTED)).isEqualTo(PER_MOBILE);
    assertThat(count(pages, CAP_REACHED)).isEqualTo(40 - PER_MOBILE);
    assertThat(sandboxTextsTo(h2, HANDLER_MOBILE)).isEqualTo(PER_MOBILE);
  }

  @Test
  void twoNodesOnOnePostgresShareTheCapPerMobile() throws Exception {
    String creditCode = creditCode();
    orderOf(nodeA, creditCode);

    List<String> pages =
        requestCodes(List.of(nodeA, nodeB), "127.0.0.61", Collections.nCopies(40, creditCode));

    eachPageIsSentOrCapReached(pages);
    assertThat(count(pages, REQUESTED)).isEqualTo(PER_MOBILE);
    assertThat(count(pages, CAP_REACHED)).isEqualTo(40 - PER_MOBILE);
    assertThat(sandboxTextsTo(nodeB, HANDLER_MOBILE)).isEqualTo(PER_MOBILE);
  }

  @Test
  void theCapPerIdNumberHoldsForANumberWithoutOrdersAsForOneWithOrders() throws Exception {
    List<String> pages =
        requestCodes(List.of(h2), "127.0.0.52", Collections.nCopies(40, creditCode()));

    eachPageIsSentOrCapReached(pages);
    assertThat(count(pages, REQUESTED)).isEqualTo(PER_SUBJECT);
    assertThat(count(pages, CAP_REACHED)).isEqualTo(40 - PER_SUBJECT);
  }

  @Test
  void theCapPerAddressHoldsAcrossIdNumbers() throws Exception {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      numbers.add(creditCode());
    }

    List<String> pages = requestCodes(List.of(nodeA, nodeB), "127.0.0.53", numbers);

    eachPageIsSentOrCapReached(pages);
    assertThat(count(pages, REQUESTED)).isEqualTo(PER_ADDRESS);
    assertThat(count(pages, CAP_REACHED)).isEqualTo(20 - PER_ADDRESS);
    assertThat(requestCodes(List.of(nodeA), "127.0.0.54", List.of(creditCode())).get(0))
        .contains(REQUESTED);
  }

  @Test
  void expiredCodesAndEndedCountersArePurgedLiveOnesKept() throws Exception {
    JdbcClient jdbc = h2.bean(JdbcClient.class);
    OffsetDateTime now = Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    String insertCode =
        "INSERT INTO verification_code (purpose, subject, channel, salt, code_hash, issued_at,"
            + " expires_at, wrong_tries) VALUES ('ORDER_QUERY', ?, 'SMS', 's', 'h', ?, ?, 0)";
    jdbc.sql(insertCode).params("EXPIRED-LONG-AGO", now.minusHours(3), now.minusHours(2)).update();
    jdbc.sql(insertCode)
        .params("EXPIRED-JUST-NOW", now.minusMinutes(11), now.minusMinutes(1))
        .update();
    jdbc.sql(insertCode).params("STILL-VALID", now.minusMinutes(1), now.plusMinutes(9)).update();
    jdbc.sql(
            "INSERT INTO rate_limit (limit_name, subject, window_start, window_end, used)"
                + " VALUES ('sms-mobile', 'ended', ?, ?, 3)")
        .params(now.minusDays(2), now.minusDays(1))
        .update();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (subjects(jdbc).contains("EXPIRED-LONG-AGO") || endedCounters(jdbc) > 0) {
      assertThat(System.nanoTime()).as("purged within 30 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(subjects(jdbc)).contains("EXPIRED-JUST-NOW", "STILL-VALID");
  }

  static List<String> subjects(JdbcClient jdbc) {
    return jdbc.sql("SELECT subject FROM verification_code").query(String.class).list();
  }

  static int endedCounters(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM rate_limit WHERE subject = 'ended'")
        .query(Integer.class)
        .single();
  }
}
