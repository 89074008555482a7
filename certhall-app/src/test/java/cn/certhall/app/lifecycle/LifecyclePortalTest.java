package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.evidence.OrderEvidence;
import cn.certhall.domain.evidence.OrderEvidenceReports;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.pki.issuance.CertificateRef;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal pages of 证书更新, 信息变更 and 证书吊销 on the running app (H2, sandbox): each flow from the
 * home's entry through the identity check, the certificate list and its steps to the reviewer's
 * approval, and a refusal each (a certificate not yet eligible for renewal, a revoked certificate
 * offered for renewal, a wrong SMS code).
 */
class LifecyclePortalTest {
  static final String HANDLER = "李经办";
  static final String HANDLER_MOBILE = "13800138001";
  static final String ADMIN_MOBILE = "13900139002";
  static final Pattern ORDER = Pattern.compile("/(?:lifecycle|apply)/([A-Z0-9]+)/");
  static final Pattern ENTRY_CODE = Pattern.compile("办理单位数字证书更新、变更或吊销，验证码为(\\d{6})");
  static final Pattern AUTHORIZATION_CODE = Pattern.compile("办理数字证书，证书授权码为(\\d{6})");
  static final String LEGAL_REP_MOBILE = "13700137003";
  static final Pattern CERTIFICATE_CODE = Pattern.compile("证书验证码为(\\d{6})");

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
    app.close();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Entry and identity check as the handler; ends on the certificate list. */
  static PortalHttp enter(String flow, String creditCode) {
    return enter(app, flow, creditCode);
  }

  /** As {@link #enter(String, String)} on {@code app}. */
  static PortalHttp enter(RunningApp app, String flow, String creditCode) {
    PortalHttp s = new PortalHttp(app);
    assertThat(s.get("/?channelId=demo").body()).contains("href=\"/" + flow + "?channelId=demo\"");
    assertThat(s.get("/" + flow + "?channelId=demo&lang=en").body())
        .contains("Unified social credit code");
    assertThat(s.get("/" + flow + "?channelId=demo&lang=zh-CN").statusCode()).isEqualTo(200);
    Map<String, String> who =
        Map.of(
            "method",
            "HANDLER",
            "creditCode",
            creditCode,
            "name",
            HANDLER,
            "mobile",
            HANDLER_MOBILE);
    assertThat(s.post("/" + flow, with(who, "action", "send")).body()).contains("验证码已发送");
    HttpResponse<String> proven =
        s.post(
            "/" + flow,
            with(
                who,
                "action",
                "verify",
                "code",
                PortalHttp.sandboxCode(app, HANDLER_MOBILE, ENTRY_CODE)));
    assertThat(proven.statusCode()).isEqualTo(302);
    assertThat(proven.headers().firstValue("Location").orElseThrow())
        .endsWith("/" + flow + "/certificates");
    return s;
  }

  static Map<String, String> with(Map<String, String> base, String... more) {
    Map<String, String> all = new LinkedHashMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  /** The error messages a page shows beside its fields. */
  static String errorsOf(String page) {
    Matcher m = Pattern.compile("class=\"field-error\"[^>]*>([^<]*)<").matcher(page);
    StringBuilder errors = new StringBuilder();
    while (m.find()) {
      errors.append(m.group(1)).append("; ");
    }
    return errors.toString();
  }

  static String orderOf(HttpResponse<String> redirect) {
    Matcher m = ORDER.matcher(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).as("redirect to an order page").isTrue();
    return m.group(1);
  }

  /** The review console's order page, as the demo reviewer sees it. */
  static String consolePage(String orderId) {
    PortalHttp reviewer = new PortalHttp(app);
    reviewer.get("/console/login");
    assertThat(
            reviewer
                .post("/console/login", Map.of("username", "reviewer", "password", "certhall-demo"))
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> page = reviewer.get("/console/orders/" + orderId);
    assertThat(page.statusCode()).isEqualTo(200);
    return page.body();
  }

  static Order approve(String orderId) {
    ReviewService review = app.bean(ReviewService.class);
    review.claim(orderId, "reviewer");
    assertThat(review.approve(orderId, "reviewer").issuanceProblem()).isNull();
    return app.bean(OrderService.class).find(orderId).orElseThrow();
  }

  /** The renewal and change form as the page pre-fills it, with {@code changes} on top. */
  static Map<String, String> formOf(String page, CertificateRef c, String... changes) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input =
        Pattern.compile(
                "<input type=\"(?:text|tel|email)\" id=\"(\\w+)\" name=\"\\w+\" value=\"([^\"]*)\"")
            .matcher(page);
    while (input.find()) {
      fields.put(input.group(1), input.group(2));
    }
    Matcher select =
        Pattern.compile("<select id=\"(\\w+IdType)\"[\\s\\S]*?<option value=\"(\\w+)\" selected")
            .matcher(page);
    while (select.find()) {
      fields.put(select.group(1), select.group(2));
    }
    fields.put("ca", c.caName());
    fields.put("serial", c.serialHex());
    return with(fields, changes);
  }

  /**
   * Issue 16 point 12: a rejected renewal is corrected on its form and verified again (a handler
   * who fails the check does not get it back to review), then goes back to review without paying
   * again.
   */
  @Test
  void a_rejected_renewal_is_corrected_on_its_form_and_verified_again() {
    String org = LifecycleFixtures.creditCode("91350100MA0000R12");
    CertificateRef old = LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(60)));
    PortalHttp s = enter("renewal", org);
    HttpResponse<String> form =
        s.get("/renewal/form?ca=" + old.caName() + "&serial=" + old.serialHex());
    Map<String, String> filled = formOf(form.body(), old, "handlerEmail", "typo@example.cn");
    String orderId =
        orderOf(s.post("/renewal/form", with(filled, "handlerMethod", "MOBILE", "agree", "yes")));
    s.post("/lifecycle/" + orderId + "/confirm", Map.of());
    s.post("/apply/" + orderId + "/pay", PortalHttp.CASHIER);
    ReviewService review = app.bean(ReviewService.class);
    review.claim(orderId, "reviewer");
    review.reject(orderId, "reviewer", RejectionReason.OTHER, "经办人邮箱有误");

    // 确认订单 again is not enough: the order goes to its form
    assertThat(PortalHttp.location(s.post("/lifecycle/" + orderId + "/confirm", Map.of())))
        .isEqualTo("/lifecycle/" + orderId + "/form");
    HttpResponse<String> page = s.get("/lifecycle/" + orderId + "/form");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("value=\"typo@example.cn\"");
    Map<String, String> corrected = formOf(page.body(), old, "handlerEmail", "right@example.cn");
    HttpResponse<String> failing =
        s.post(
            "/lifecycle/" + orderId + "/form",
            with(corrected, "handlerName", "假经办", "handlerMethod", "MOBILE", "agree", "yes"));
    assertThat(failing.statusCode()).isEqualTo(422);
    assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
        .isEqualTo(OrderStatus.REJECTED);

    HttpResponse<String> resubmitted =
        s.post(
            "/lifecycle/" + orderId + "/form",
            with(corrected, "handlerMethod", "MOBILE", "agree", "yes"));
    assertThat(PortalHttp.location(resubmitted)).isEqualTo("/apply/" + orderId + "/waiting");
    Order order = app.bean(OrderService.class).find(orderId).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(order.application().handler().email()).isEqualTo("right@example.cn");
    assertThat(order.history().get(order.history().size() - 2).note().key())
        .startsWith("history.lifecycle.handlerVerified.");
    assertThat(order.history()).extracting(line -> line.to()).containsOnlyOnce(OrderStatus.PAID);
  }

  @Test
  void renewal_from_the_entry_to_approval() {
    String org = LifecycleFixtures.creditCode("91350100MA0000010");
    CertificateRef old = LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(60)));
    PortalHttp s = enter("renewal", org);

    String list = s.get("/renewal/certificates").body();
    assertThat(list).contains(old.serialHex()).contains("有效").contains(">证书更新<");
    HttpResponse<String> form =
        s.get("/renewal/form?ca=" + old.caName() + "&serial=" + old.serialHex());
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("value=\"福州测试科技有限公司\"").contains("readonly");

    Map<String, String> filled = formOf(form.body(), old, "handlerEmail", "new-handler@example.cn");
    HttpResponse<String> missingAgreement =
        s.post("/renewal/form", with(filled, "handlerMethod", "MOBILE"));
    assertThat(missingAgreement.statusCode()).isEqualTo(422);
    HttpResponse<String> next =
        s.post("/renewal/form", with(filled, "handlerMethod", "MOBILE", "agree", "yes"));
    assertThat(next.statusCode()).as(errorsOf(next.body())).isEqualTo(302);
    String orderId = orderOf(next);
    assertThat(app.bean(JdbcVerificationRecords.class).forSubject(orderId))
        .as("the handler's check, recorded for the number the order took")
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.purpose()).isEqualTo(VerificationPurpose.LIFECYCLE);
              assertThat(r.outcome()).isEqualTo("MATCH");
              assertThat(r.requestId()).startsWith("sandbox-");
            });
    assertThat(app.bean(OrderEvidenceReports.class).report(orderId).verifications())
        .anySatisfy(v -> assertThat(v.party()).isEqualTo(OrderEvidence.Party.HANDLER));

    assertThat(s.get("/lifecycle/" + orderId + "/confirm").body())
        .contains("经办人邮箱")
        .contains("确认订单");
    // another session cannot open the order by its number
    assertThat(new PortalHttp(app).get("/lifecycle/" + orderId + "/confirm").statusCode())
        .isEqualTo(404);
    HttpResponse<String> confirmed = s.post("/lifecycle/" + orderId + "/confirm", Map.of());
    assertThat(PortalHttp.location(confirmed)).isEqualTo("/apply/" + orderId + "/pay");
    assertThat(s.get("/apply/" + orderId + "/pay").body()).contains("¥500.00");
    assertThat(PortalHttp.location(s.post("/apply/" + orderId + "/pay", PortalHttp.CASHIER)))
        .isEqualTo("/apply/" + orderId + "/waiting");
    assertThat(s.get("/apply/" + orderId + "/waiting").body()).contains("等待审核");

    Order issued = approve(orderId);
    assertThat(issued.status()).isEqualTo(OrderStatus.ISSUED);
    Instant newEnd =
        JdbcClient.create(app.bean(javax.sql.DataSource.class))
            .sql(
                "SELECT c.not_after FROM order_certificate oc JOIN certificate c ON c.ca_name = oc.ca_name"
                    + " AND c.serial = oc.serial WHERE oc.order_id = ?")
            .param(orderId)
            .query(java.time.OffsetDateTime.class)
            .single()
            .toInstant();
    assertThat(newEnd)
        .isEqualTo(old.notAfter().atZone(CertificateRules.CHINA_TIME).plusYears(1).toInstant());
    assertThat(s.get("/renewal/certificates").body()).contains("已更新或变更");
  }

  @Test
  void renewal_is_refused_for_a_certificate_not_yet_eligible_with_the_date_it_opens() {
    String org = LifecycleFixtures.creditCode("91350100MA0000020");
    CertificateRef fresh =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(200)));
    PortalHttp s = enter("renewal", org);

    assertThat(s.get("/renewal/certificates").body()).contains("证书有效期剩余 90 天及以上，暂不能更新");
    HttpResponse<String> refused =
        s.get("/renewal/form?ca=" + fresh.caName() + "&serial=" + fresh.serialHex());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("起可以办理更新");
  }

  @Test
  void a_revoked_certificate_offered_for_renewal_is_refused() {
    String org = LifecycleFixtures.creditCode("91350100MA0000030");
    CertificateRef doomed =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(30)));
    app.bean(cn.certhall.app.revocation.RevocationService.class)
        .revoke(
            doomed.caName(),
            new java.math.BigInteger(doomed.serialHex(), 16),
            cn.certhall.pki.revocation.RevocationReason.KEY_COMPROMISE,
            null);
    PortalHttp s = enter("renewal", org);

    assertThat(s.get("/renewal/certificates").body()).contains("已吊销").doesNotContain(">证书更新<");
    HttpResponse<String> refused =
        s.get("/renewal/form?ca=" + doomed.caName() + "&serial=" + doomed.serialHex());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("该证书已吊销").contains("申请单位证书新办");
  }

  @Test
  void a_wrong_sms_code_at_the_entry_shows_no_certificates() {
    String org = LifecycleFixtures.creditCode("91350100MA0000040");
    LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(30)));
    PortalHttp s = new PortalHttp(app);
    s.get("/change?channelId=demo");
    Map<String, String> who =
        Map.of("method", "HANDLER", "creditCode", org, "name", HANDLER, "mobile", HANDLER_MOBILE);
    s.post("/change", with(who, "action", "send"));
    String right = PortalHttp.sandboxCode(app, HANDLER_MOBILE, ENTRY_CODE);
    String wrong = right.equals("000000") ? "000001" : "000000";

    HttpResponse<String> refused = s.post("/change", with(who, "action", "verify", "code", wrong));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("验证码错误，还可尝试 4 次");
    assertThat(s.get("/change/certificates").statusCode()).isEqualTo(302);
  }

  @Test
  void information_change_from_the_entry_to_approval() {
    String org = LifecycleFixtures.creditCode("91350100MA0000050");
    CertificateRef old =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(200)));
    PortalHttp s = enter("change", org);

    assertThat(s.get("/change/certificates").body()).contains(">信息变更<");
    String form = s.get("/change/form?ca=" + old.caName() + "&serial=" + old.serialHex()).body();
    Map<String, String> filled =
        formOf(
            form,
            old,
            "organizationName",
            "福州更名科技有限公司",
            "adminMethod",
            "MOBILE",
            "agree",
            "yes",
            "creditCode",
            "91110000100000000X");
    HttpResponse<String> next = s.post("/change/form", filled);
    assertThat(next.statusCode()).as(errorsOf(next.body())).isEqualTo(302);
    String orderId = orderOf(next);
    assertThat(s.get("/lifecycle/" + orderId + "/confirm").body())
        .contains("单位名称")
        .contains("福州更名科技有限公司");
    s.post("/lifecycle/" + orderId + "/confirm", Map.of());
    s.get("/apply/" + orderId + "/pay");
    s.post("/apply/" + orderId + "/pay", PortalHttp.CASHIER);
    assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
        .isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(consolePage(orderId))
        .contains("单位信息变更", "证书与变更内容", old.serialHex(), "单位名称", "福州测试科技有限公司", "福州更名科技有限公司");

    Order done = approve(orderId);

    assertThat(done.status()).isEqualTo(OrderStatus.ISSUED);
    assertThat(done.application().creditCode()).isEqualTo(org);
    JdbcClient jdbc = JdbcClient.create(app.bean(javax.sql.DataSource.class));
    assertThat(
            jdbc.sql("SELECT reason_code FROM certificate_revocation WHERE serial = ?")
                .param(old.serialHex())
                .query(Integer.class)
                .single())
        .isEqualTo(4);
    assertThat(
            jdbc.sql(
                    "SELECT s.organization_name FROM seal s JOIN order_certificate oc ON oc.serial = s.certificate_serial"
                        + " WHERE oc.order_id = ?")
                .param(orderId)
                .query(String.class)
                .single())
        .isEqualTo("福州更名科技有限公司");
  }

  @Test
  void revocation_from_the_entry_to_approval_and_a_wrong_certificate_code() {
    String org = LifecycleFixtures.creditCode("91350100MA0000060");
    CertificateRef target =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(200)));
    PortalHttp s = enter("revocation", org);

    assertThat(s.get("/revocation/certificates").body()).contains(">吊销<");
    assertThat(
            s.get("/revocation/start?ca=" + target.caName() + "&serial=" + target.serialHex())
                .body())
        .contains("吊销理由")
        .contains("单位注销或不再需要证书")
        .contains("企业认证方式");
    Map<String, String> start =
        Map.of("ca", target.caName(), "serial", target.serialHex(), "handlerMethod", "MOBILE");
    assertThat(s.post("/revocation/start", start).statusCode()).isEqualTo(422);
    HttpResponse<String> next =
        s.post("/revocation/start", with(start, "reason", "NO_LONGER_NEEDED"));
    assertThat(next.statusCode()).isEqualTo(302);
    String orderId = orderOf(next);
    assertThat(app.bean(JdbcVerificationRecords.class).forSubject(orderId))
        .extracting(VerificationRecord::purpose)
        .as("the handler's check before the order, the legal representative's after")
        .containsExactly(VerificationPurpose.LIFECYCLE, VerificationPurpose.ENTERPRISE);

    assertThat(PortalHttp.location(next)).isEqualTo("/lifecycle/" + orderId + "/authorization");
    assertThat(s.get("/lifecycle/" + orderId + "/authorization").body()).contains("法定代表人手机");
    HttpResponse<String> authorized =
        s.post(
            "/lifecycle/" + orderId + "/authorization",
            Map.of("code", PortalHttp.sandboxCode(app, LEGAL_REP_MOBILE, AUTHORIZATION_CODE)));
    assertThat(PortalHttp.location(authorized))
        .isEqualTo("/lifecycle/" + orderId + "/certificate-code");

    String codePage = "/lifecycle/" + orderId + "/certificate-code";
    s.get(codePage);
    assertThat(s.post(codePage, Map.of("action", "send")).body()).contains("139****9002");
    String right = PortalHttp.sandboxCode(app, ADMIN_MOBILE, CERTIFICATE_CODE);
    HttpResponse<String> wrong =
        s.post(codePage, Map.of("code", right.equals("000000") ? "000001" : "000000"));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(wrong.body()).contains("验证码错误");
    HttpResponse<String> signed = s.post(codePage, Map.of("code", right));
    assertThat(signed.statusCode()).isEqualTo(302);

    assertThat(PortalHttp.location(signed)).isEqualTo("/apply/" + orderId + "/materials");
    s.get("/apply/" + orderId + "/materials");
    byte[] photo = UploadSamples.jpeg(UploadSamples.document(1200, 900));
    for (MaterialKind kind :
        List.of(
            MaterialKind.BUSINESS_LICENSE,
            MaterialKind.HANDLER_ID_FRONT,
            MaterialKind.HANDLER_ID_BACK)) {
      assertThat(
              s.upload("/apply/" + orderId + "/materials/" + kind.name(), "photo.jpg", photo)
                  .statusCode())
          .as(kind + " uploaded")
          .isEqualTo(302);
    }
    assertThat(PortalHttp.location(s.post("/apply/" + orderId + "/materials/complete", Map.of())))
        .isEqualTo("/apply/" + orderId + "/sign");
    s.get("/apply/" + orderId + "/sign");
    s.post("/apply/" + orderId + "/sign/code", Map.of());
    s.get("/apply/" + orderId + "/sign");
    HttpResponse<String> submitted =
        s.post(
            "/apply/" + orderId + "/sign",
            Map.of("code", PortalHttp.sandboxCode(app, HANDLER_MOBILE, PortalHttp.SIGNATURE_CODE)));
    assertThat(PortalHttp.location(submitted)).isEqualTo("/apply/" + orderId + "/waiting");
    assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
        .isEqualTo(OrderStatus.WAITING_FOR_REVIEW);

    assertThat(consolePage(orderId))
        .contains("单位证书吊销", "吊销理由", "单位注销或不再需要证书 (RFC 5280: 5)", "已用证书托管私钥签名并验证（SHA256withECDSA）");
    assertThat(approve(orderId).status()).isEqualTo(OrderStatus.REVOKED);
    assertThat(
            JdbcClient.create(app.bean(javax.sql.DataSource.class))
                .sql("SELECT reason_code FROM certificate_revocation WHERE serial = ?")
                .param(target.serialHex())
                .query(Integer.class)
                .single())
        .isEqualTo(5);
    assertThat(s.get("/revocation/certificates").body()).contains("已吊销");
  }
}
