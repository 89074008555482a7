package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.channel.SyncMessage;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.orderquery.OrderQueryBrowserSteps;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.portal.ApplicationBrowserSteps;
import cn.certhall.app.sealmaking.SealServiceTest;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.ExternalTool;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 5's acceptance in the browser, every step through the real pages: the handler applies in
 * the portal up to 等待审核 (the 印章采集表 with a red seal); a reviewer rejects the order with a reason
 * from the list and words of their own; the handler reads the reason in 我的订单, uses 继续办理 to replace
 * the photo and signs again; the reviewer approves; the certificate is issued with the seal from
 * the order's 印章采集表 and synced to the channel, and its chain passes {@code openssl verify}; the
 * handler's emails arrived over SMTP (GreenMail) and the SMS in the sandbox. Screenshots of every
 * step in {@code certhall-app/target/screenshots/ReviewAcceptanceBrowserTest.*}.
 */
class ReviewAcceptanceBrowserTest {
  /** The handler's mobile of the portal's sample form. */
  static final String HANDLER = "13900001234";

  static final String ADMIN = "admin-acceptance";
  static final String ADMIN_PASSWORD = "admin password 9";

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path dataDir;
  static RunningApp app;
  static Browser browser;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies", "ECDSA",
                "certhall.sandbox.enabled", "true",
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", Integer.toString(smtp.getSmtp().getPort())));
    app.bean(OperatorRepository.class)
        .insert(ADMIN, app.bean(PasswordEncoder.class).encode(ADMIN_PASSWORD), Role.CA_ADMIN);
    browser = Browser.start(1280, 1000);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aRejectedOrderIsCorrectedByTheHandlerAndApprovedAndTheCertificateVerifies(@TempDir Path dir)
      throws Exception {
    browser.beginTest("ReviewAcceptanceBrowserTest.rejectCorrectApprove");
    String creditCode = ReviewFixtures.creditCode("91350100MA0030001");

    // the handler applies in the portal, up to 等待审核; the seal collection form has a red seal
    ApplicationBrowserSteps portal = new ApplicationBrowserSteps(app, browser, dir);
    String orderId = portal.applyUntilMaterials(creditCode, "验收", "13512349001");
    portal.upload(MaterialKind.SEAL_COLLECTION_FORM, "印章采集表.png", SealServiceTest.form(true));
    portal.uploadAll();
    portal.continueFromMaterials();
    portal.sign(HANDLER);
    portal.pay();
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    Order order = app.bean(OrderService.class).find(orderId).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    String page = app.url("/console/orders/" + order.id());

    // the reviewer signs in, sees the queue and the order with every uploaded file inline
    browser.driver().manage().deleteAllCookies();
    signIn("reviewer", "certhall-demo");
    assertThat(browser.text()).contains("待审核订单", order.id(), "示例科技有限公司验收");
    browser.screenshot("queue");
    browser.clickAndWait(By.linkText(order.id()));
    assertThat(browser.text()).contains("上传资料", "营业执照", "印章采集表", "单位授权委托书");
    assertThat(imagesShown()).as("material images loaded in the page").isGreaterThanOrEqualTo(5);
    browser.screenshot("order-with-materials");
    // issue 16, point 7: labels as the portal's, and the verifications the handler passed
    assertThat(browser.find(By.id("status")).getText()).isEqualTo("等待审核");
    assertThat(browser.text()).doesNotContain("WAITING_FOR_REVIEW", "APPLICATION_FILLED");
    assertThat(browser.find(By.id("verifications")).getText())
        .contains("证书及印章管理员实名核验", "企业认证（证书授权码）", "已通过（")
        .doesNotContain("未完成");
    browser
        .driver()
        .executeScript("arguments[0].scrollIntoView()", browser.find(By.id("verifications")));
    browser.screenshot("order-verifications");

    // issue 16, point 3: an administrator's page tells the reviewer which role it needs
    browser.open(app.url("/console/admin/operators"));
    assertThat(browser.find(By.id("forbidden")).getText()).contains("此页面需要 CA 管理员角色");
    browser.screenshot("reviewer-on-administrators-page");
    browser.open(page);

    // claim, then reject: a reason from the list and the reviewer's own words
    browser.clickAndWait(By.cssSelector("form[action$='/claim'] button"));
    browser.select("reason", "UNCLEAR_PHOTO");
    browser.type("text", "营业执照照片模糊，请重新拍摄上传");
    browser.screenshot("reject-with-reason");
    browser.clickAndWait(By.cssSelector("form[action$='/reject'] button"));
    assertThat(browser.text()).contains("已审核不通过");
    browser.screenshot("rejected");
    assertThat(status(order)).isEqualTo(OrderStatus.REJECTED);

    // the handler, in 我的订单 after the SMS check, reads the reason
    browser.driver().manage().deleteAllCookies();
    OrderQueryBrowserSteps query = new OrderQueryBrowserSteps(app, browser);
    query.proveUnit(creditCode, HANDLER);
    browser.clickAndWait(
        By.cssSelector("li[data-order='" + order.id() + "'] a[href$='" + order.id() + "']"));
    assertThat(browser.text()).contains("审核未通过", "上传的照片不清晰（营业执照照片模糊，请重新拍摄上传）");
    browser.screenshot("handler-reads-the-reason");

    // 继续办理: a sharper photo of the licence, signed again, straight back to review
    browser.clickAndWait(By.id("continue"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("资料上传");
    assertThat(browser.text()).contains("上传的照片不清晰（营业执照照片模糊，请重新拍摄上传）");
    portal.upload(
        MaterialKind.BUSINESS_LICENSE,
        "营业执照-清晰.jpg",
        UploadSamples.jpeg(UploadSamples.document(1600, 1200)));
    browser.screenshot("handler-replaced-the-licence");
    portal.continueFromMaterials();
    portal.sign(HANDLER);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    assertThat(status(order)).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);

    // the reviewer sees the new licence beside the old one and approves
    browser.driver().manage().deleteAllCookies();
    signIn("reviewer", "certhall-demo");
    browser.open(page);
    assertThat(browser.text()).contains("第 2 版", "历史版本（1 个）");
    browser.screenshot("resubmitted-order");
    browser.clickAndWait(By.cssSelector("form[action$='/claim'] button"));
    browser.clickAndWait(By.cssSelector("form[action$='/approve'] button"));
    assertThat(browser.text()).contains("证书已签发");
    browser.screenshot("approved");
    assertThat(status(order)).isEqualTo(OrderStatus.ISSUED);

    // the CA administrator sees the seal made from the collection form
    browser.driver().manage().deleteAllCookies();
    signIn(ADMIN, ADMIN_PASSWORD);
    browser.open(page);
    assertThat(imageLoaded("seal")).as("seal shown to the administrator").isTrue();
    browser.screenshot("administrator-sees-the-seal");

    // the handler sees the issued order with its seal
    browser.driver().manage().deleteAllCookies();
    query.proveUnit(creditCode, HANDLER);
    browser.open(app.url("/orders/" + order.id()));
    assertThat(browser.text()).contains("证书已签发", "电子印章");
    assertThat(imageLoaded("seal")).as("seal shown to the handler").isTrue();
    browser.screenshot("handler-sees-certificate-and-seal");

    JdbcClient jdbc = app.bean(JdbcClient.class);
    assertThat(
            jdbc.sql(
                    "SELECT s.source FROM seal s JOIN order_certificate o ON o.ca_name = s.ca_name"
                        + " AND o.serial = s.certificate_serial WHERE o.order_id = ?")
                .param(order.id())
                .query(String.class)
                .single())
        .isEqualTo("COLLECTION_FORM");

    // the chain the channel received passes openssl verify, anchored at the published root
    SyncMessage sync =
        SyncMessage.fromJson(
            jdbc.sql("SELECT body FROM channel_certificate WHERE order_id = ?")
                .param(order.id())
                .query((rs, n) -> rs.getBytes(1))
                .single());
    assertThat(sync.event()).isEqualTo("certificate.issued");
    assertThat(sync.chain()).hasSize(2);
    Path root = dir.resolve("root.crt");
    Files.write(root, get("/ca/ecdsa-root.crt"));
    Path chain = dir.resolve("chain.pem");
    Files.writeString(chain, String.join("", sync.chain()), StandardCharsets.US_ASCII);
    Path leaf = dir.resolve("leaf.pem");
    Files.writeString(leaf, sync.certificate().pem(), StandardCharsets.US_ASCII);
    ExternalTool.require("openssl");
    Path rootPem = dir.resolve("root.pem");
    ExternalTool.Result converted =
        ExternalTool.run(
            "openssl",
            "x509",
            "-inform",
            "DER",
            "-in",
            root.toString(),
            "-out",
            rootPem.toString());
    assertThat(converted.exitCode()).isZero();
    ExternalTool.Result verify =
        ExternalTool.run(
            "openssl",
            "verify",
            "-CAfile",
            rootPem.toString(),
            "-untrusted",
            chain.toString(),
            leaf.toString());
    assertThat(verify.output()).contains(": OK");
    assertThat(verify.exitCode()).isZero();

    // the handler heard both decisions: email over SMTP, SMS in the sandbox
    app.bean(NotificationDispatcher.class).dispatchDue();
    MimeMessage[] mails = smtp.getReceivedMessages();
    List<String> subjects =
        Arrays.stream(mails)
            .filter(
                m -> {
                  try {
                    return m.getSubject().contains(order.id());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .map(
                m -> {
                  try {
                    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("handler@example.cn");
                    return m.getSubject() + "\n" + m.getContent();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(subjects)
        .anySatisfy(m -> assertThat(m).contains("审核未通过", "上传的照片不清晰"))
        .anySatisfy(m -> assertThat(m).contains("审核通过"));
    String sms = new String(get("/sandbox/api/messages?to=" + HANDLER), StandardCharsets.UTF_8);
    assertThat(sms).contains("审核未通过", "审核通过", order.id());
  }

  /**
   * Issue 16 point 12: the reviewer rejects because the legal representative's name is wrong; the
   * handler, from 我的订单, uses 返回修改 on the same order, changes the name, passes the enterprise
   * verification again (a new authorization code to the legal representative), keeps the files,
   * signs again without paying again, and the reviewer sees the new name.
   */
  @Test
  void aRejectedOrdersFormIsCorrectedVerifiedAgainAndSignedAgain(@TempDir Path dir) {
    browser.beginTest("ReviewAcceptanceBrowserTest.correctTheForm");
    String creditCode = ReviewFixtures.creditCode("91350100MA0030002");
    String legalRepMobile = "13512349002";
    ApplicationBrowserSteps portal = new ApplicationBrowserSteps(app, browser, dir);
    String orderId = portal.applyUntilMaterials(creditCode, "改表", legalRepMobile);
    portal.uploadAll();
    portal.continueFromMaterials();
    portal.sign(HANDLER);
    portal.pay();
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    String page = app.url("/console/orders/" + orderId);

    browser.driver().manage().deleteAllCookies();
    signIn("reviewer", "certhall-demo");
    browser.open(page);
    browser.clickAndWait(By.cssSelector("form[action$='/claim'] button"));
    browser.select("reason", "OTHER");
    browser.type("text", "法定代表人姓名与营业执照不一致");
    browser.clickAndWait(By.cssSelector("form[action$='/reject'] button"));
    browser.screenshot("rejected");
    assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
        .isEqualTo(OrderStatus.REJECTED);

    // 我的订单 → 继续办理 → 返回修改申请信息: the form holds the order's data
    browser.driver().manage().deleteAllCookies();
    OrderQueryBrowserSteps query = new OrderQueryBrowserSteps(app, browser);
    query.proveUnit(creditCode, HANDLER);
    browser.clickAndWait(
        By.cssSelector("li[data-order='" + orderId + "'] a[href$='" + orderId + "']"));
    browser.clickAndWait(By.id("continue"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("资料上传");
    assertThat(browser.text()).contains("法定代表人姓名与营业执照不一致");
    browser.screenshot("continue-rejected");
    portal.correctForm(Map.of("legalRepName", "陈法人"));
    assertThat(browser.text()).contains("陈**").doesNotContain("张*");

    // the changed legal representative: the enterprise verification again, a new code
    browser.clickAndWait(By.id("confirm"));
    portal.enterAuthorizationCode(legalRepMobile);
    assertThat(browser.byId("corrected").getText()).contains("已上传的资料均已保留");
    for (MaterialKind kind :
        MaterialKind.requiredFor(cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE)) {
      assertThat(browser.findAll(By.id("current-" + kind.name()))).as(kind + " kept").hasSize(1);
    }
    portal.continueFromMaterials();
    assertThat(browser.byId("resubmission").getText()).contains("无需再次支付");
    portal.sign(HANDLER);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    Order order = app.bean(OrderService.class).find(orderId).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(order.application().legalRepresentative().name()).isEqualTo("陈法人");
    assertThat(order.history()).extracting(line -> line.to()).containsOnlyOnce(OrderStatus.PAID);
    assertThat(order.history())
        .extracting(line -> line.note() == null ? null : line.note().key())
        .contains("history.correction.backToForm", "history.correction.verified.enterprise");

    // the reviewer sees the same order with the new name, and the history of what happened
    browser.driver().manage().deleteAllCookies();
    signIn("reviewer", "certhall-demo");
    browser.open(page);
    assertThat(browser.find(By.id("status")).getText()).isEqualTo("等待审核");
    assertThat(browser.text()).contains("陈法人", "审核未通过后返回修改申请表").doesNotContain("张三");
    browser.screenshot("corrected-order-in-console");
  }

  static void signIn(String username, String password) {
    browser.open(app.url("/console/login"));
    browser.type("username", username);
    browser.type("password", password);
    browser.screenshot("sign-in-" + username);
    browser.clickAndWait(By.cssSelector("form button[type='submit']"));
  }

  static OrderStatus status(Order order) {
    return app.bean(OrderService.class).find(order.id()).orElseThrow().status();
  }

  /** Images of the page the browser decoded (loaded and with a size). */
  static long imagesShown() {
    return (Long)
        browser
            .driver()
            .executeScript(
                "return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length");
  }

  static boolean imageLoaded(String id) {
    return Boolean.TRUE.equals(
        browser
            .driver()
            .executeScript(
                "const i = document.getElementById(arguments[0]);"
                    + " return i !== null && i.complete && i.naturalWidth > 0",
                id));
  }

  static byte[] get(String path) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(app.url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
