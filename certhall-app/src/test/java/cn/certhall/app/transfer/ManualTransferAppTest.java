package cn.certhall.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * 对公打款 without a bank interface, on the running app with {@code
 * certhall.verification.transfer.provider=manual}, on H2 and on PostgreSQL: the applicant chooses
 * the corporate transfer and is told it is on its way; a code entered before the transfer is made
 * is refused with that; finance finds the task at /console/transfers with the remark, makes the
 * transfer and marks it; the code from the remark then passes. A failed transfer shows the bank's
 * answer to the applicant; a reviewer cannot open the list; of two operators marking one task at
 * once exactly one wins.
 */
class ManualTransferAppTest {
  static final String PASSWORD = "a long operator password";
  static final Pattern REMARK_CODE = Pattern.compile("证书授权码(\\d{6})");

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void finance_makes_the_transfer_by_hand_and_the_applicant_goes_on(TestDatabases.Kind kind)
      throws Exception {
    Files.createDirectories(dataDir);
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies", "ECDSA",
                "certhall.sandbox.enabled", "true",
                "certhall.verification.transfer.provider", "manual",
                "certhall.verification.transfer.payer-account-name", "福建示例 CA 有限公司"))) {
      OperatorRepository operators = app.bean(OperatorRepository.class);
      PasswordEncoder encoder = app.bean(PasswordEncoder.class);
      operators.insert("finance-1", encoder.encode(PASSWORD), Role.FINANCE);
      operators.insert("finance-2", encoder.encode(PASSWORD), Role.FINANCE);
      operators.insert("reviewer-1", encoder.encode(PASSWORD), Role.REVIEWER);

      // the applicant: 对公打款, told it is on its way
      PortalHttp applicant = new PortalHttp(app);
      String orderId = apply(applicant, "91350100MA2TRF001", "6222020200001111");
      String codePage = applicant.get("/apply/" + orderId + "/code").body();
      assertThat(codePage).contains("打款处理中", "****1111", "预计 1 个工作日内到账").doesNotContain("已向账号");

      // a code before the transfer is made: refused, and no try spent
      HttpResponse<String> early =
          applicant.post("/apply/" + orderId + "/code", Map.of("code", "123456"));
      assertThat(early.statusCode()).isEqualTo(200);
      assertThat(early.body()).contains("打款尚未完成");

      // a reviewer does not see the list
      PortalHttp reviewer = signIn(app, "reviewer-1");
      assertThat(reviewer.get("/console/transfers").statusCode()).isEqualTo(403);

      // finance: the task with account, bank and the remark; marks it made
      PortalHttp finance = signIn(app, "finance-1");
      String list = finance.get("/console/transfers").body();
      String row = row(list, orderId);
      assertThat(row).contains("0.01 元", "福州手工打款科技有限公司", "6222020200001111", "中国工商银行");
      Matcher remark = REMARK_CODE.matcher(row);
      assertThat(remark.find()).as("the remark with the code").isTrue();
      String code = remark.group(1);
      long taskId = taskId(row);
      HttpResponse<String> made = finance.post("/console/transfers/" + taskId + "/made", Map.of());
      assertThat(PortalHttp.location(made)).isEqualTo("/console/transfers");
      assertThat(finance.get("/console/transfers").body())
          .contains("已标记为已打款")
          .doesNotContain(orderId);

      // the applicant: made, valid until …; the code from the remark passes
      assertThat(applicant.get("/apply/" + orderId + "/code").body()).contains("向账号", "授权码有效期至");
      HttpResponse<String> entered =
          applicant.post("/apply/" + orderId + "/code", Map.of("code", code));
      assertThat(PortalHttp.location(entered)).isEqualTo("/apply/" + orderId + "/materials");
      assertThat(audited(app, orderId, "TRANSFER_MADE")).isEqualTo(1);

      // a transfer the bank refused: the answer is required, and shown to the applicant
      PortalHttp second = new PortalHttp(app);
      String failedOrder = apply(second, "91350100MA2TRF002", "6222020200002222");
      long failedTask = taskId(row(finance.get("/console/transfers").body(), failedOrder));
      finance.post("/console/transfers/" + failedTask + "/failed", Map.of("bankAnswer", "  "));
      assertThat(finance.get("/console/transfers").body()).contains("请填写银行答复", failedOrder);
      finance.post(
          "/console/transfers/" + failedTask + "/failed", Map.of("bankAnswer", "收款人户名与账号不符"));
      assertThat(finance.get("/console/transfers").body())
          .contains("已标记为打款失败")
          .doesNotContain(failedOrder);
      String failedPage = second.get("/apply/" + failedOrder + "/code").body();
      assertThat(failedPage).contains("打款失败，银行答复：收款人户名与账号不符", "返回修改");
      assertThat(second.post("/apply/" + failedOrder + "/code", Map.of("code", "123456")).body())
          .contains("打款失败，没有可用的授权码");
      assertThat(audited(app, failedOrder, "TRANSFER_FAILED")).isEqualTo(1);

      // two operators mark one task at once: exactly one wins
      PortalHttp third = new PortalHttp(app);
      String raced = apply(third, "91350100MA2TRF003", "6222020200003333");
      long racedTask = taskId(row(finance.get("/console/transfers").body(), raced));
      PortalHttp otherFinance = signIn(app, "finance-2");
      assertThat(otherFinance.get("/console/transfers").body()).contains(raced);
      List<String> outcomes =
          race(() -> outcome(finance, racedTask), () -> outcome(otherFinance, racedTask));
      assertThat(outcomes).containsExactlyInAnyOrder("已标记为已打款", "该任务已由其他人处理");
      assertThat(audited(app, raced, "TRANSFER_MADE")).isEqualTo(1);

      // English on request
      assertThat(finance.get("/console/transfers?lang=en").body())
          .contains("Corporate transfers to make");
      assertThat(second.get("/apply/" + failedOrder + "/code?lang=en").body())
          .contains("The transfer failed. The bank answered: 收款人户名与账号不符");
      assertThat(third.get("/apply/" + raced + "/code?lang=en").body())
          .contains("0.01 CNY was paid to the corporate account");

      // after a failure, asking again queues a new transfer at once (the failed code is gone)
      second.get("/apply/" + failedOrder + "/code?lang=zh-CN");
      assertThat(
              PortalHttp.location(second.post("/apply/" + failedOrder + "/code/resend", Map.of())))
          .isEqualTo("/apply/" + failedOrder + "/code");
      assertThat(second.get("/apply/" + failedOrder + "/code").body()).contains("已重新申请打款", "打款处理中");
      assertThat(row(finance.get("/console/transfers?lang=zh-CN").body(), failedOrder))
          .contains("证书授权码");
    }
  }

  /** Files the form with 对公打款 and confirms it; the order's number. */
  static String apply(PortalHttp browser, String creditCodeStart, String accountNumber) {
    String organization =
        creditCodeStart.endsWith("001")
            ? "福州手工打款科技有限公司"
            : "福州打款" + creditCodeStart.substring(15) + "科技有限公司";
    browser.get("/apply?channelId=demo");
    assertThat(
            PortalHttp.location(
                browser.post("/apply", Map.of("channelId", "demo", "agree", "yes"))))
        .isEqualTo("/apply/form");
    Map<String, String> form =
        ApplicationForms.byLegalRepMobile(
            organization,
            LifecycleFixtures.creditCode(creditCodeStart),
            "张法人",
            "13700137155",
            "李经办",
            LifecycleFixtures.residentId("11010119900307123"),
            "13800138155",
            "jb@example.cn");
    form.put("enterpriseMethod", "CORPORATE_TRANSFER");
    form.put("accountName", organization);
    form.put("accountNumber", accountNumber);
    form.put("bank", "中国工商银行");
    HttpResponse<String> filed = browser.post("/apply/form", form);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String orderId = PortalHttp.location(filed).split("/")[2];
    assertThat(browser.get("/apply/" + orderId + "/confirm").body()).contains("打款处理中");
    assertThat(PortalHttp.location(browser.post("/apply/" + orderId + "/confirm", Map.of())))
        .isEqualTo("/apply/" + orderId + "/code");
    return orderId;
  }

  static PortalHttp signIn(RunningApp app, String username) {
    PortalHttp console = new PortalHttp(app);
    console.get("/console/login");
    HttpResponse<String> signedIn =
        console.post("/console/login", Map.of("username", username, "password", PASSWORD));
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return console;
  }

  /** The table row of the order's task. */
  static String row(String page, String orderId) {
    Matcher m =
        Pattern.compile(
                "<tr[^>]*class=\"transfer-task\"[^>]*>(?:(?!</tr>).)*"
                    + orderId
                    + "(?:(?!</tr>).)*</tr>",
                Pattern.DOTALL)
            .matcher(page);
    assertThat(m.find()).as("a task of " + orderId + " in " + page).isTrue();
    return m.group();
  }

  static long taskId(String row) {
    Matcher m = Pattern.compile("id=\"task-(\\d+)\"").matcher(row);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Marks the task made and reads what the list then says. */
  static String outcome(PortalHttp console, long taskId) {
    HttpResponse<String> marked = console.post("/console/transfers/" + taskId + "/made", Map.of());
    assertThat(marked.statusCode()).isEqualTo(302);
    String page = console.get("/console/transfers").body();
    return page.contains("已标记为已打款") ? "已标记为已打款" : page.contains("该任务已由其他人处理") ? "该任务已由其他人处理" : page;
  }

  static List<String> race(Callable<String> a, Callable<String> b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> futures = new ArrayList<>();
      for (Callable<String> task : List.of(a, b)) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  static long audited(RunningApp app, String orderId, String action) {
    return app.bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM audit_log WHERE subject = ? AND action = ?")
        .params(orderId, action)
        .query(Long.class)
        .single();
  }
}
