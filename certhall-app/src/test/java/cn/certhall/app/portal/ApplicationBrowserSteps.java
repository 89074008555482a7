package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.material.MaterialKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * The steps of 单位证书新办 as a handler takes them in the browser, each with a screenshot, for any
 * browser test that needs an order at a later step (review, resubmission): the application up to
 * the entered authorization code ({@link #applyUntilMaterials}), 资料上传 ({@link #uploadAll}, {@link
 * #upload}, {@link #continueFromMaterials}), 证书申请签名 ({@link #sign}) and 支付 ({@link #pay}). Codes
 * are read from the sandbox's outbox, as the handler reads the SMS.
 */
public final class ApplicationBrowserSteps {
  private static final Pattern ENTERPRISE_CODE = Pattern.compile("证书授权码为?(\\d{6})");
  private static final Pattern ORDER_IN_URL = Pattern.compile("/apply/(CH\\w+)/");

  /** A sharp document photo every check accepts without a flag. */
  public static final byte[] PHOTO = UploadSamples.jpeg(UploadSamples.document(1200, 900));

  private final RunningApp app;
  private final Browser browser;
  private final Path files;

  /**
   * @param files a directory for the files the browser uploads
   */
  public ApplicationBrowserSteps(RunningApp app, Browser browser, Path files) {
    this.app = app;
    this.browser = browser;
    this.files = files;
  }

  /**
   * Agreement, the form (legal representative's mobile, administrator's mobile; the sandbox passes
   * both), 确认订单, the authorization code: ends on the materials page.
   *
   * @return the order id
   */
  public String applyUntilMaterials(
      String creditCode, String organizationSuffix, String legalRepMobile) {
    browser.open(app.url("/apply?channelId=demo"));
    browser.screenshot("agreement");
    browser.byId("agree").click();
    browser.clickAndWait(By.id("start"));
    browser.screenshot("empty-form");
    Map<String, String> form = NewUnitApplicationTest.sampleForm(creditCode, organizationSuffix);
    form.forEach(browser::type);
    browser.find(By.id("enterpriseMethod-LEGAL_REP_MOBILE")).click();
    browser.type("legalRepMobile", legalRepMobile);
    browser.find(By.id("adminMethod-MOBILE")).click();
    browser.screenshot("form-filled");
    browser.clickAndWait(By.id("next"));
    browser.screenshot("confirm");
    browser.clickAndWait(By.id("confirm"));
    browser.screenshot("code");
    browser.type("code", PortalHttp.sandboxCode(app, legalRepMobile, ENTERPRISE_CODE));
    browser.clickAndWait(By.id("submit-code"));
    browser.screenshot("materials");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("资料上传");
    return orderId();
  }

  /** Uploads {@code content} as the material, named {@code fileName}, with the page's form. */
  public void upload(MaterialKind kind, String fileName, byte[] content) {
    try {
      Path dir = Files.createTempDirectory(files, "upload-");
      Path file = dir.resolve(fileName);
      Files.write(file, content);
      browser.find(By.id("file-" + kind.name())).sendKeys(file.toAbsolutePath().toString());
      browser.clickAndWait(By.id("upload-" + kind.name()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a good photo for every material the page asks for that has none yet. */
  public void uploadAll() {
    for (MaterialKind kind : MaterialKind.values()) {
      boolean asked = !browser.findAll(By.id("file-" + kind.name())).isEmpty();
      boolean missing = browser.findAll(By.id("current-" + kind.name())).isEmpty();
      if (asked && missing) {
        upload(kind, kind.name().toLowerCase() + ".jpg", PHOTO);
        assertThat(browser.byId("current-" + kind.name()).getText()).contains("JPG");
      }
    }
    browser.screenshot("materials-uploaded");
  }

  /** 下一步 on the materials page (仍然继续 when flagged photos are shown): ends on the signature page. */
  public void continueFromMaterials() {
    browser.clickAndWait(By.id("materials-next"));
    if (!browser.findAll(By.id("accept-flags")).isEmpty()) {
      browser.screenshot("materials-flags");
      browser.clickAndWait(By.id("accept-flags"));
    }
    browser.screenshot("sign");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("证书申请签名");
  }

  /** 获取验证码, the code from the handler's SMS, 确定: ends on the payment or the waiting page. */
  public void sign(String handlerMobile) {
    browser.clickAndWait(By.id("send-code"));
    // a code sent for the same order less than 60 s ago (a quick resubmission) holds the next one
    // back
    for (int waited = 0;
        browser.findAll(By.id("code-notice")).isEmpty() && waited < 70;
        waited += 5) {
      sleep(5);
      browser.clickAndWait(By.id("send-code"));
    }
    browser.screenshot("sign-code-sent");
    assertThat(browser.byId("code-notice").getText()).contains("验证码已发送至经办人手机");
    browser.type("code", PortalHttp.sandboxCode(app, handlerMobile, PortalHttp.SIGNATURE_CODE));
    browser.clickAndWait(By.id("sign"));
    browser.screenshot("signed");
  }

  /** 立即支付 on the payment page. */
  public void pay() {
    browser.clickAndWait(By.id("pay"));
    browser.screenshot("paid");
  }

  /**
   * The resubmission of a rejected order, from the materials page that 继续办理 opens: the reason is
   * shown, {@code kind} is uploaded again (a PDF), then 下一步 and the SMS signature; ends on the
   * waiting page, with nothing paid again.
   */
  public void resubmit(MaterialKind kind, String handlerMobile) {
    assertThat(browser.byId("rejection").getText()).contains("审核未通过");
    browser.screenshot("rejected-materials");
    upload(
        kind, kind.name().toLowerCase() + "-again.pdf", UploadSamples.pdf(kind.name() + " again"));
    assertThat(browser.byId("current-" + kind.name()).getText()).contains("PDF");
    continueFromMaterials();
    assertThat(browser.byId("resubmission").getText()).contains("无需再次支付");
    sign(handlerMobile);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("等待审核");
  }

  /**
   * 返回修改 of a rejected order, from the materials page that 继续办理 opens: the form comes pre-filled
   * from the order, {@code changes} are typed over it, 下一步; ends on 确认订单.
   */
  public void correctForm(Map<String, String> changes) {
    assertThat(browser.byId("rejection").getText()).contains("审核未通过");
    browser.clickAndWait(By.id("edit"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("填写申请信息");
    assertThat(browser.byId("rejection").getText()).contains("审核未通过：返回修改申请信息");
    browser.screenshot("rejected-form");
    changes.forEach(browser::type);
    browser.screenshot("rejected-form-changed");
    browser.clickAndWait(By.id("next"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("确认订单");
    browser.screenshot("corrected-confirm");
  }

  /** 证书授权码: the code from the legal representative's SMS; ends on the materials page. */
  public void enterAuthorizationCode(String legalRepMobile) {
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("证书授权码");
    browser.type("code", PortalHttp.sandboxCode(app, legalRepMobile, ENTERPRISE_CODE));
    browser.screenshot("code-again");
    browser.clickAndWait(By.id("submit-code"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("资料上传");
    browser.screenshot("materials-again");
  }

  /** The order of the page the browser is on. */
  public String orderId() {
    Matcher m = ORDER_IN_URL.matcher(URI.create(browser.driver().getCurrentUrl()).getPath());
    assertThat(m.find()).as("an order page").isTrue();
    return m.group(1);
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
