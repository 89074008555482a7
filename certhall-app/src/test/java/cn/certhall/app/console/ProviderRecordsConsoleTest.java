package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.persistence.SmsMessageLog;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * 外部服务记录 on the running app: a CA administrator reads the checks of one order (method, outcome,
 * provider, request id) and the SMS provider's outcomes (masked mobile, ids), never the ID number,
 * the full mobile or a text; a reviewer gets 403; a malformed order number is told.
 */
class ProviderRecordsConsoleTest {
  static final String PASSWORD = "a long operator password";
  static final String HANDLER_ID = LifecycleFixtures.residentId("11010119900307123");

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA", "certhall.sandbox.enabled", "true"));
    OperatorRepository operators = app.bean(OperatorRepository.class);
    PasswordEncoder encoder = app.bean(PasswordEncoder.class);
    operators.insert("admin-records", encoder.encode(PASSWORD), Role.CA_ADMIN);
    operators.insert("reviewer-records", encoder.encode(PASSWORD), Role.REVIEWER);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static PortalHttp signIn(String username) {
    PortalHttp console = new PortalHttp(app);
    console.get("/console/login");
    console.post("/console/login", Map.of("username", username, "password", PASSWORD));
    return console;
  }

  @Test
  void an_administrator_reads_an_orders_checks_and_the_sms_outcomes_without_personal_data() {
    PortalHttp applicant = new PortalHttp(app);
    applicant.get("/apply?channelId=demo");
    applicant.post("/apply", Map.of("channelId", "demo", "agree", "yes"));
    HttpResponse<String> filed =
        applicant.post(
            "/apply/form",
            ApplicationForms.byLegalRepMobile(
                "福州记录科技有限公司",
                LifecycleFixtures.creditCode("91350100MA2REC001"),
                "张法人",
                "13700137166",
                "李经办",
                HANDLER_ID,
                "13800138166",
                "jb@example.cn"));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String orderId = PortalHttp.location(filed).split("/")[2];
    app.bean(SmsMessageLog.class)
        .record(
            new SmsMessageLog.Entry(
                "aliyun",
                "AUTHORIZATION_CODE",
                "137****7166",
                "SENT",
                "OK",
                "REQ-8D2F",
                "BIZ-1A2B",
                Instant.now(),
                120));

    PortalHttp admin = signIn("admin-records");
    String page = admin.get("/console/admin/providers?orderId=" + orderId).body();

    assertThat(page)
        .contains(
            "外部服务记录",
            orderId,
            "ADMINISTRATOR",
            "ENTERPRISE",
            "MOBILE_THREE_FACTOR",
            "sandbox",
            "MATCH")
        .contains("137****7166", "AUTHORIZATION_CODE", "aliyun", "REQ-8D2F", "BIZ-1A2B")
        .doesNotContain(HANDLER_ID, ApplicationForms.LEGAL_REP_ID, "13800138166", "13700137166");
    assertThat(admin.get("/console/admin/providers?orderId=CH0000NOSUCHORDER").body())
        .contains("没有核验记录")
        .doesNotContain(orderId);
    assertThat(admin.get("/console/admin/providers?orderId=1%27%20OR%201%3D1").body())
        .contains("订单号只含字母和数字");
    assertThat(admin.get("/console/admin/providers?lang=en").body())
        .contains("Outside service records", orderId);
    assertThat(signIn("reviewer-records").get("/console/admin/providers").statusCode())
        .isEqualTo(403);
  }
}
