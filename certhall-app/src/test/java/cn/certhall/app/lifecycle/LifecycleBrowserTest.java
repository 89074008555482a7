package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.orderquery.OrderQueryBrowserSteps;
import cn.certhall.app.portal.ApplicationBrowserSteps;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.web.Browser;
import cn.certhall.documents.seal.RoundSealSpec;
import cn.certhall.documents.seal.SealImpression;
import cn.certhall.documents.seal.SealPng;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.pki.issuance.CertificateRef;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 证书更新, 信息变更 and 证书吊销 in the browser, each from the home's entry to the reviewer's approval, with a
 * refusal each on the way: a wrong SMS code at the entry and a certificate not yet eligible for
 * renewal (renewal), a wrong certificate verification code and then the revoked certificate offered
 * for renewal (revocation). Screenshots in target/screenshots/LifecycleBrowserTest.*.
 */
class LifecycleBrowserTest {
  static final String HANDLER_MOBILE = "13800138001";
  static final String ADMIN_MOBILE = "13900139002";
  static final Pattern ORDER = Pattern.compile("/(?:lifecycle|apply)/(CH\\w+)/");

  @TempDir static Path dataDir;
  @TempDir static Path files;
  static RunningApp app;
  Browser browser;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA", "certhall.sandbox.enabled", "true"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * From the home's entry through the identity check as the handler; ends on the certificate list.
   */
  void enter(String entryLabel, String creditCode, boolean wrongCodeFirst) {
    browser.open(app.url("/?channelId=demo"));
    browser.clickAndWait(By.linkText(entryLabel));
    browser.screenshot("entry");
    browser.find(By.id("method-handler")).click();
    browser.type("creditCode", creditCode);
    browser.type("name", "李经办");
    browser.type("mobile", HANDLER_MOBILE);
    browser.clickAndWait(By.id("send"));
    assertThat(browser.text()).contains("验证码已发送");
    String code = PortalHttp.sandboxCode(app, HANDLER_MOBILE, LifecyclePortalTest.ENTRY_CODE);
    if (wrongCodeFirst) {
      browser.type("code", code.equals("000000") ? "000001" : "000000");
      browser.clickAndWait(By.id("verify"));
      browser.screenshot("entry-wrong-code");
      assertThat(browser.byId("code-error").getText()).contains("验证码错误，还可尝试 4 次");
      assertThat(browser.text()).doesNotContain("本单位的证书如下");
    }
    browser.type("code", code);
    browser.clickAndWait(By.id("verify"));
    browser.screenshot("certificates");
    assertThat(browser.text()).contains("本单位的证书如下");
  }

  /** The step bar of 证书更新 and 信息变更, at {@code current}. */
  void assertOwnSteps(String current) {
    assertThat(browser.find(By.cssSelector("ol.steps")).getText())
        .contains("1. 身份核验", "2. 填写申请信息", "3. 确认订单", "4. 支付", "5. 等待审核")
        .doesNotContain("证书授权码", "上传资料", "申请签名");
    assertThat(browser.find(By.cssSelector("ol.steps [aria-current='step']")).getText())
        .isEqualTo(current);
  }

  static String path(WebElement link) {
    return URI.create(link.getDomProperty("href")).getPath();
  }

  /** Every certificate in a PEM, DER or PKCS#7 file, as a relying party's software reads it. */
  static List<X509Certificate> certificates(byte[] file) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(file))
          .stream()
          .map(X509Certificate.class::cast)
          .toList();
    } catch (CertificateException e) {
      throw new AssertionError("not a certificate file", e);
    }
  }

  String orderId() {
    Matcher m = ORDER.matcher(URI.create(browser.driver().getCurrentUrl()).getPath());
    assertThat(m.find()).as("an order page").isTrue();
    return m.group(1);
  }

  static Order approve(String orderId) {
    ReviewService review = app.bean(ReviewService.class);
    review.claim(orderId, "reviewer");
    assertThat(review.approve(orderId, "reviewer").issuanceProblem()).isNull();
    return app.bean(OrderService.class).find(orderId).orElseThrow();
  }

  @Test
  void renewal_with_a_wrong_code_and_a_certificate_not_yet_eligible_on_the_way() {
    browser = Browser.start();
    browser.beginTest("LifecycleBrowserTest.renewal");
    String org = LifecycleFixtures.creditCode("91350100MA0000110");
    CertificateRef fresh =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(200)));
    CertificateRef expiring =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(60)));

    enter("云证书更新", org, true);
    assertThat(browser.byId("refusal-" + fresh.serialHex()).getText())
        .contains("暂不能更新")
        .contains("起可以办理更新");
    assertThat(browser.findAll(By.id("act-" + fresh.serialHex()))).isEmpty();
    browser.clickAndWait(By.id("act-" + expiring.serialHex()));
    browser.screenshot("form");
    assertThat(browser.byId("organizationName").getDomProperty("value")).isEqualTo("福州测试科技有限公司");
    assertThat(browser.byId("creditCode").getDomAttribute("readonly")).isNotNull();
    browser.type("handlerEmail", "renewed@example.cn");
    browser.find(By.id("handlerMethod-mobile")).click();
    browser.clickAndWait(By.id("next"));
    assertThat(browser.byId("agree-error").getText()).contains("同意");
    browser.find(By.id("handlerMethod-mobile")).click();
    browser.find(By.id("agree")).click();
    browser.clickAndWait(By.id("next"));
    browser.screenshot("confirm");
    assertThat(browser.byId("changes").getText()).contains("经办人邮箱");
    String orderId = orderId();
    // issue 16 point 6: 返回修改 (manual 1.2 (4)) back to the same order's form, verified again
    browser.clickAndWait(By.id("edit"));
    browser.screenshot("back-to-form");
    assertThat(browser.byId("handlerEmail").getDomProperty("value"))
        .isEqualTo("renewed@example.cn");
    browser.type("handlerEmail", "corrected@example.cn");
    browser.find(By.id("handlerMethod-mobile")).click();
    browser.find(By.id("agree")).click();
    browser.clickAndWait(By.id("next"));
    browser.screenshot("confirm-corrected");
    assertThat(orderId()).isEqualTo(orderId);
    Order corrected = app.bean(OrderService.class).find(orderId).orElseThrow();
    assertThat(corrected.application().handler().email()).isEqualTo("corrected@example.cn");
    assertThat(corrected.history())
        .extracting(line -> line.to())
        .containsSubsequence(
            OrderStatus.VERIFIED, OrderStatus.APPLICATION_FILLED, OrderStatus.VERIFIED);
    browser.clickAndWait(By.id("confirm"));
    browser.screenshot("pay");
    // issue 16 point 5: the renewal's own steps, none of 单位证书新办's
    assertOwnSteps("4. 支付");
    assertThat(browser.byId("pay-lead").getText()).isEqualTo("订单已确认。支付证书费用后订单进入审核。");
    browser.clickAndWait(By.id("pay"));
    browser.screenshot("waiting");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    assertOwnSteps("5. 等待审核");

    assertThat(approve(orderId).status()).isEqualTo(OrderStatus.ISSUED);
    browser.open(app.url("/renewal/certificates"));
    browser.screenshot("after-approval");
    assertThat(browser.text()).contains("已更新或变更");
  }

  @Test
  void information_change_from_the_entry_to_approval() {
    browser = Browser.start();
    browser.beginTest("LifecycleBrowserTest.change");
    String org = LifecycleFixtures.creditCode("91350100MA0000120");
    CertificateRef old =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(200)));

    enter("信息变更", org, false);
    browser.clickAndWait(By.id("act-" + old.serialHex()));
    browser.type("organizationName", "福州新明称科技有限公司");
    browser.find(By.id("adminMethod-mobile")).click();
    browser.find(By.id("agree")).click();
    browser.screenshot("form");
    browser.clickAndWait(By.id("next"));
    browser.screenshot("confirm");
    assertThat(browser.byId("changes").getText()).contains("单位名称");
    String orderId = orderId();
    assertOwnSteps("3. 确认订单");
    // 返回修改 (manual 1.3 (3)): a typo in the new name corrected on the same order
    browser.clickAndWait(By.id("edit"));
    browser.screenshot("back-to-form");
    browser.type("organizationName", "福州新名称科技有限公司");
    browser.find(By.id("adminMethod-mobile")).click();
    browser.find(By.id("agree")).click();
    browser.clickAndWait(By.id("next"));
    browser.screenshot("confirm-corrected");
    assertThat(orderId()).isEqualTo(orderId);
    assertThat(browser.byId("shown-organizationName").getText()).isEqualTo("福州新名称科技有限公司");
    browser.clickAndWait(By.id("confirm"));
    browser.screenshot("pay");
    browser.clickAndWait(By.id("pay"));
    browser.screenshot("waiting");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");

    assertThat(approve(orderId).status()).isEqualTo(OrderStatus.ISSUED);
    assertThat(
            JdbcClient.create(app.bean(javax.sql.DataSource.class))
                .sql("SELECT reason_code FROM certificate_revocation WHERE serial = ?")
                .param(old.serialHex())
                .query(Integer.class)
                .single())
        .isEqualTo(4);
  }

  /**
   * Issue 16, point 15: a renewal with a new 印章采集表 on its confirmation (a hostile file refused
   * first), the form in the reviewer's console, approval there, and the channel's seal.png made
   * from the new impression: not the old seal's picture, visibly different from it, and the new
   * form's impression as {@link SealImpression} extracts it.
   */
  @Test
  void renewal_with_a_new_seal_collection_form_changes_the_seal_the_channel_gets()
      throws Exception {
    browser = Browser.start();
    browser.beginTest("LifecycleBrowserTest.renewal-seal");
    String org = LifecycleFixtures.creditCode("91350100MA0000140");
    byte[] oldForm =
        LifecycleFixtures.sealForm(
            new RoundSealSpec("福州测试科技有限公司", RoundSealSpec.Diameter.MM_42, "合同专用章", null));
    byte[] newForm =
        LifecycleFixtures.sealForm(
            new RoundSealSpec("福州测试科技有限公司", RoundSealSpec.Diameter.MM_40, null, "3501020012345"));
    CertificateRef old =
        LifecycleFixtures.issuedNewUnitWithSeal(app, org, now().plus(Duration.ofDays(60)), oldForm);
    byte[] oldSeal = LifecycleSealFormTest.sealOf(app, old).png();

    enter("云证书更新", org, false);
    browser.clickAndWait(By.id("act-" + old.serialHex()));
    browser.find(By.id("handlerMethod-mobile")).click();
    browser.find(By.id("agree")).click();
    browser.clickAndWait(By.id("next"));
    String orderId = orderId();
    assertOwnSteps("3. 确认订单");
    assertThat(browser.byId("seal-form").getText()).contains("上传新的印章采集表（可选）", "未上传：新证书沿用原电子印章");
    browser.screenshot("confirm-seal-form");
    // the template, pre-filled from the order, as on 资料上传
    HttpResponse<byte[]> template =
        withBrowserSession(path(browser.byId("template-seal-collection-form")));
    assertThat(template.statusCode()).isEqualTo(200);
    assertThat(template.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/pdf");

    ApplicationBrowserSteps steps = new ApplicationBrowserSteps(app, browser, files);
    steps.upload(MaterialKind.SEAL_COLLECTION_FORM, "印章采集表.jpg", UploadSamples.windowsProgram());
    browser.screenshot("seal-form-refused");
    assertThat(browser.byId("error-SEAL_COLLECTION_FORM").getText()).contains("该文件是程序文件，不是图片或 PDF");
    assertThat(browser.byId("file-SEAL_COLLECTION_FORM").getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.findAll(By.id("current-SEAL_COLLECTION_FORM"))).isEmpty();
    steps.upload(MaterialKind.SEAL_COLLECTION_FORM, "印章采集表.png", newForm);
    browser.screenshot("seal-form-uploaded");
    assertThat(browser.byId("current-SEAL_COLLECTION_FORM").getText()).contains("PNG", "800 × 900");
    assertThat(browser.byId("seal-form").getText()).contains("新证书的电子印章将由此印章采集表上的印模制作");
    browser.clickAndWait(By.id("confirm"));
    browser.clickAndWait(By.id("pay"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");

    // the reviewer sees the form with the order's materials and approves
    browser.driver().manage().deleteAllCookies();
    signIn("reviewer", "certhall-demo");
    browser.open(app.url("/console/orders/" + orderId));
    assertThat(browser.text()).contains("上传资料", "印章采集表", "第 1 版");
    assertThat(browser.findAll(By.cssSelector("img.material-image[alt='印章采集表']"))).hasSize(1);
    assertThat(imageLoaded(By.cssSelector("img.material-image[alt='印章采集表']"))).isTrue();
    browser.screenshot("console-seal-form");
    browser.clickAndWait(By.cssSelector("form[action$='/claim'] button"));
    browser.clickAndWait(By.cssSelector("form[action$='/approve'] button"));
    browser.screenshot("approved");
    assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
        .isEqualTo(OrderStatus.ISSUED);

    // the CA administrator's preview and the channel's seal.png: the new impression
    browser.driver().manage().deleteAllCookies();
    signIn("admin", "certhall-demo-admin");
    browser.open(app.url("/console/orders/" + orderId));
    assertThat(imageLoaded(By.id("seal"))).as("seal preview").isTrue();
    browser.driver().executeScript("arguments[0].scrollIntoView()", browser.byId("seal"));
    browser.screenshot("console-new-seal");
    byte[] preview = withBrowserSession("/console/admin/orders/" + orderId + "/seal.png").body();
    String renewed =
        JdbcClient.create(app.bean(javax.sql.DataSource.class))
            .sql("SELECT serial FROM order_certificate WHERE order_id = ?")
            .param(orderId)
            .query(String.class)
            .single();
    HttpResponse<byte[]> channelSeal = LifecycleSealFormTest.channelSealPng(app, renewed);
    assertThat(channelSeal.statusCode()).isEqualTo(200);
    assertThat(channelSeal.body()).isEqualTo(preview).isNotEqualTo(oldSeal);
    assertThat(channelSeal.body())
        .as("the new form's impression")
        .isEqualTo(SealImpression.extract(newForm, 42).png());
    // visibly: the old seal's 合同专用章 under the star is gone, the new one's code is on the chord
    // (12 of 256 cells, where the same picture differs in none)
    double fromOld =
        SealPictures.cellDifference(SealPng.read(channelSeal.body()), SealPng.read(oldSeal), 16);
    assertThat(fromOld).as("share of cells unlike the old seal").isGreaterThan(0.03);
    assertThat(
            SealPictures.cellDifference(
                SealPng.read(channelSeal.body()),
                SealPng.read(SealImpression.extract(newForm, 42).png()),
                16))
        .isZero();
  }

  /** A GET with the browser's cookies (a download the headless browser would save, not show). */
  HttpResponse<byte[]> withBrowserSession(String path) throws Exception {
    String cookies =
        browser.driver().manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(java.util.stream.Collectors.joining("; "));
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Cookie", cookies)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  void signIn(String username, String password) {
    browser.open(app.url("/console/login"));
    browser.type("username", username);
    browser.type("password", password);
    browser.clickAndWait(By.cssSelector("form button[type='submit']"));
  }

  boolean imageLoaded(By by) {
    return Boolean.TRUE.equals(
        browser
            .driver()
            .executeScript(
                "const i = arguments[0]; return i.complete && i.naturalWidth > 0",
                browser.find(by)));
  }

  @Test
  void revocation_with_a_wrong_certificate_code_then_renewal_refused_for_the_revoked_certificate() {
    browser = Browser.start();
    browser.beginTest("LifecycleBrowserTest.revocation");
    String org = LifecycleFixtures.creditCode("91350100MA0000130");
    CertificateRef target =
        LifecycleFixtures.issuedNewUnit(app, org, now().plus(Duration.ofDays(30)));

    enter("证书吊销", org, false);
    browser.clickAndWait(By.id("act-" + target.serialHex()));
    browser.select("reason", "NO_LONGER_NEEDED");
    browser.find(By.id("handlerMethod-mobile")).click();
    browser.screenshot("reason");
    assertThat(browser.byId("enterpriseMethod-LEGAL_REP_MOBILE").isSelected()).isTrue();
    // issue 16 point 10: no "fields above" that this page does not have
    assertThat(browser.driver().getPageSource())
        .doesNotContain("上方填写")
        .contains("使用该证书办理时登记的法定代表人姓名和身份证号码核验");
    browser.clickAndWait(By.id("next"));
    browser.screenshot("authorization-code");
    browser.type(
        "code",
        PortalHttp.sandboxCode(
            app, LifecyclePortalTest.LEGAL_REP_MOBILE, LifecyclePortalTest.AUTHORIZATION_CODE));
    browser.clickAndWait(By.id("verify"));
    browser.screenshot("certificate-code");
    browser.clickAndWait(By.id("send"));
    assertThat(browser.text()).contains("139****9002");
    String code = PortalHttp.sandboxCode(app, ADMIN_MOBILE, LifecyclePortalTest.CERTIFICATE_CODE);
    browser.type("code", code.equals("000000") ? "000001" : "000000");
    browser.clickAndWait(By.id("verify"));
    browser.screenshot("certificate-code-wrong");
    assertThat(browser.byId("code-error").getText()).contains("验证码错误");
    browser.type("code", code);
    browser.clickAndWait(By.id("verify"));
    browser.screenshot("materials");
    String orderId = orderId();
    ApplicationBrowserSteps steps = new ApplicationBrowserSteps(app, browser, files);
    steps.uploadAll();
    steps.continueFromMaterials();
    steps.sign(HANDLER_MOBILE);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");

    assertThat(approve(orderId).status()).isEqualTo(OrderStatus.REVOKED);
    assertThat(
            JdbcClient.create(app.bean(javax.sql.DataSource.class))
                .sql("SELECT reason_code FROM certificate_revocation WHERE serial = ?")
                .param(target.serialHex())
                .query(Integer.class)
                .single())
        .isEqualTo(5);

    // issue 16 point 13: 我的订单 shows the revoked certificate of the issuing order and its files
    String issuing =
        app
            .bean(OrderService.class)
            .list(org, BusinessType.NEW_UNIT_CERTIFICATE)
            .finished()
            .stream()
            .filter(o -> o.status() == OrderStatus.ISSUED)
            .findFirst()
            .orElseThrow()
            .id();
    new OrderQueryBrowserSteps(app, browser).proveUnit(org, HANDLER_MOBILE);
    browser.open(app.url("/orders/" + issuing));
    browser.screenshot("my-orders-certificate");
    assertThat(browser.byId("certificate-serial").getText())
        .isEqualToIgnoringCase(target.serialHex());
    assertThat(browser.byId("certificate-validity").getText())
        .matches("\\d{4}-\\d\\d-\\d\\d .* 至 \\d{4}-.*");
    assertThat(browser.byId("certificate-state").getText())
        .startsWith("已吊销")
        .contains("吊销时间", "原因：停止使用");
    PortalHttp handler = new PortalHttp(app);
    handler.proveUnit(org, HANDLER_MOBILE);
    HttpResponse<byte[]> pem = handler.download(path(browser.byId("download-certificate-pem")));
    HttpResponse<byte[]> der = handler.download(path(browser.byId("download-certificate-der")));
    HttpResponse<byte[]> chainPem = handler.download(path(browser.byId("download-chain-pem")));
    HttpResponse<byte[]> chainDer = handler.download(path(browser.byId("download-chain-p7b")));
    assertThat(List.of(pem, der, chainPem, chainDer))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                  .startsWith("attachment");
            });
    assertThat(certificates(pem.body()))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.getSerialNumber().toString(16))
                    .isEqualToIgnoringCase(target.serialHex()));
    assertThat(certificates(der.body())).singleElement().isEqualTo(certificates(pem.body()).get(0));
    List<X509Certificate> chain = certificates(chainPem.body());
    assertThat(chain).hasSizeGreaterThan(1);
    assertThat(chain.get(0).getSerialNumber().toString(16))
        .isEqualToIgnoringCase(target.serialHex());
    assertThat(chain.get(chain.size() - 1).getSubjectX500Principal())
        .isEqualTo(chain.get(chain.size() - 1).getIssuerX500Principal());
    // PKCS#7 keeps the certificates as a SET: the same ones, in its own order
    assertThat(certificates(chainDer.body())).containsExactlyInAnyOrderElementsOf(chain);
    // another session gets nothing
    assertThat(new PortalHttp(app).download("/orders/" + issuing + "/certificate.cer").statusCode())
        .isEqualTo(404);

    // the revoked certificate offered for renewal
    browser.open(app.url("/renewal?channelId=demo"));
    browser.open(app.url("/renewal/certificates"));
    browser.screenshot("renewal-of-revoked");
    assertThat(browser.byId("refusal-" + target.serialHex()).getText()).contains("该证书已吊销");
    assertThat(browser.findAll(By.id("act-" + target.serialHex()))).isEmpty();
  }
}
