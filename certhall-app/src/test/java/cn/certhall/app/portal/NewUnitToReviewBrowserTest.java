package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.orderquery.OrderQueryBrowserSteps;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * 单位证书新办 in the browser from the empty form to 等待审核 (SPEC 3.1 steps 1–9): the application and
 * authorization code, the uploads with a program renamed to .jpg refused beside its field, the
 * templates, the page in English, the SMS signature, the cashier (支付宝, sandbox 支付成功) and the
 * waiting page with its due date; then rejected (by the review service), found in 我的订单 with the
 * reason and the 支付凭证 link, corrected and resubmitted without paying again. Screenshots in
 * target/screenshots/NewUnitToReviewBrowserTest.*.
 */
class NewUnitToReviewBrowserTest {
  @TempDir static Path dataDir;
  @TempDir static Path files;
  static RunningApp app;
  static Browser browser;

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
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void from_the_empty_form_to_waiting_for_review_and_resubmitted_after_a_rejection() {
    browser = Browser.start();
    browser.beginTest("NewUnitToReviewBrowserTest.emptyFormToWaiting");
    ApplicationBrowserSteps steps = new ApplicationBrowserSteps(app, browser, files);
    String creditCode = NewUnitApplicationTest.creditCode("91350100MA00300F6");
    String orderId = steps.applyUntilMaterials(creditCode, "六", "13812346666");
    Browser b = browser;
    assertThat(b.text()).contains("营业执照", "经办人身份证正面", "单位授权委托书", "印章采集表");
    assertThat(b.findAll(By.cssSelector("label[for='file-BUSINESS_LICENSE']"))).hasSize(1);
    assertThat(b.byId("template-authorization-letter").getDomAttribute("href"))
        .isEqualTo("/apply/" + orderId + "/templates/authorization-letter.pdf");

    // a program renamed to .jpg: refused, its message beside the field, nothing stored
    steps.upload(MaterialKind.BUSINESS_LICENSE, "营业执照.jpg", UploadSamples.windowsProgram());
    b.screenshot("fake-image-refused");
    assertThat(b.byId("error-BUSINESS_LICENSE").getText()).contains("该文件是程序文件，不是图片或 PDF");
    assertThat(b.byId("file-BUSINESS_LICENSE").getDomAttribute("aria-describedby"))
        .isEqualTo("error-BUSINESS_LICENSE");
    assertThat(app.bean(MaterialService.class).history(orderId)).isEmpty();

    // 下一步 too early: the missing materials are named beside their fields
    b.clickAndWait(By.id("materials-next"));
    b.screenshot("materials-missing");
    assertThat(b.byId("error-SEAL_COLLECTION_FORM").getText()).contains("请上传印章采集表");

    // a small photo is accepted but flagged
    steps.upload(
        MaterialKind.HANDLER_ID_FRONT,
        "front.png",
        UploadSamples.png(UploadSamples.document(400, 300)));
    b.screenshot("small-photo-flagged");
    assertThat(b.byId("quality-HANDLER_ID_FRONT").getText()).contains("照片尺寸过小");
    steps.upload(MaterialKind.HANDLER_ID_FRONT, "front.jpg", ApplicationBrowserSteps.PHOTO);
    steps.uploadAll();
    assertThat(app.bean(MaterialService.class).current(orderId)).hasSize(5);
    assertThat(app.bean(MaterialService.class).history(orderId)).hasSize(6);

    // the same page in English, then back
    b.open(app.url("/apply/" + orderId + "/materials?lang=en"));
    b.screenshot("materials-english");
    assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("Materials");
    b.open(app.url("/apply/" + orderId + "/materials?lang=zh-CN"));

    steps.continueFromMaterials();
    assertThat(b.text())
        .contains("示例科技有限公司六", "李*", "139****1234")
        .doesNotContain(NewUnitApplicationTest.HANDLER_ID, "13900001234");
    for (var m : app.bean(MaterialService.class).current(orderId)) {
      assertThat(b.byId("material-hashes").getText()).contains(m.sha256());
    }

    // a wrong code, then the right one
    b.type("code", "12345");
    b.clickAndWait(By.id("sign"));
    b.screenshot("sign-bad-format");
    assertThat(b.byId("code-error").getText()).contains("请输入 6 位数字的手机验证码");
    steps.sign("13900001234");
    assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("支付");
    assertThat(b.byId("fee").getText()).contains("500.00");
    assertThat(status(creditCode)).isEqualTo(OrderStatus.APPLICATION_SIGNED);

    // the cashier (issue 16 point 16): 支付宝, the invoice to the organization, sandbox 支付成功
    assertThat(b.byId("taxNumber").getDomProperty("value")).isEqualTo(creditCode);
    b.byId("method-ALIPAY").click();
    b.byId("sandbox-PAID").click();
    b.screenshot("cashier");
    steps.pay();
    assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
    assertThat(app.bean(PaymentService.class).paid(orderId).orElseThrow().method())
        .isEqualTo(PaymentMethod.ALIPAY);
    assertThat(b.byId("decision-due").getText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日（3 个工作日内）");
    assertThat(b.byId("application-form").getDomAttribute("href"))
        .isEqualTo("/apply/" + orderId + "/application-form.pdf");
    assertThat(status(creditCode)).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);

    // rejected: the handler finds the reason in 我的订单, continues, re-uploads and signs again
    ReviewService review = app.bean(ReviewService.class);
    review.claim(orderId, "reviewer");
    review.reject(orderId, "reviewer", RejectionReason.UNCLEAR_PHOTO, "身份证反面反光");
    new OrderQueryBrowserSteps(app, b).proveUnit(creditCode, "13900001234");
    b.open(app.url("/orders/" + orderId));
    b.screenshot("details-rejected");
    assertThat(b.byId("receipt").getDomAttribute("href"))
        .isEqualTo("/orders/" + orderId + "/receipt.pdf");
    b.screenshot("receipt-link");
    assertThat(b.byId("rejection").getText()).contains("上传的照片不清晰（身份证反面反光）");
    b.clickAndWait(By.id("continue"));
    steps.resubmit(MaterialKind.HANDLER_ID_BACK, "13900001234");
    assertThat(status(creditCode)).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(app.bean(PaymentService.class).payments(orderId)).hasSize(1);
  }

  static OrderStatus status(String creditCode) {
    return app.bean(OrderService.class)
        .list(creditCode, cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE)
        .unfinished()
        .get(0)
        .status();
  }
}
