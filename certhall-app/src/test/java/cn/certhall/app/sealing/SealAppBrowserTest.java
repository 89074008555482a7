package cn.certhall.app.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.identity.IdType;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * 信手书 in a phone-sized Chromium (390 × 844): sign in with the administrator's mobile and the SMS
 * code, 下载个人证书 (name, ID number, face photo), set the seal PIN, 扫一扫 (the channel's QR code
 * photographed and uploaded), see the document, a wrong PIN, then seal; and the verification page
 * with the sealed PDF. Screenshots under target/screenshots/SealAppBrowserTest.*.
 */
class SealAppBrowserTest {
  static final int WIDTH = 390;
  static final int HEIGHT = 844;

  @TempDir static Path dataDir;
  @TempDir static Path files;
  static RunningApp app;
  static Browser browser;

  @BeforeAll
  static void start() {
    app = SealingSetup.start(dataDir);
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

  /** Nothing is wider than the phone's screen. */
  static void fitsThePhone(Browser b) {
    Object overflow =
        b.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(((Number) overflow).intValue())
        .as("horizontal overflow in px")
        .isLessThanOrEqualTo(0);
  }

  @Test
  void registerGetTheCertificateSetThePinScanAndSeal() throws Exception {
    Admin admin = new Admin("王管理", IdType.RESIDENT_ID_CARD, "11010519491231002X", "13900139002");
    Organization org = SealingSetup.issued(app, "福州信手书测试科技有限公司", "91350100M000100Y43", admin);
    String apiKey = SealingSetup.apiKey(app, "demo");
    HttpResponse<String> created =
        SealingSetup.createRequest(
            app,
            apiKey,
            org.creditCode(),
            SealingSetup.onePagePdf("Seal app in a browser."),
            Map.of("anchor", "Seal here"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = SealingSetup.json(created);
    String id = answer.get("request").get("id").asString();
    Path qr =
        Files.write(
            files.resolve("qr.png"),
            Base64.getDecoder().decode(answer.get("qrPngBase64").asString()));
    Path face = Files.write(files.resolve("face.png"), SealingSetup.photo());

    browser = Browser.start(WIDTH, HEIGHT);
    Browser b = browser;
    b.beginTest("SealAppBrowserTest.registerGetTheCertificateSetThePinScanAndSeal");

    // 注册/登录
    b.open(app.url("/seal-app/"));
    assertThat(b.text()).contains("印章管理员登录");
    assertThat(b.find(By.cssSelector("link[rel=manifest]")).getDomAttribute("href"))
        .isEqualTo("/seal-app/manifest.webmanifest");
    fitsThePhone(b);
    b.screenshot("sign-in");
    b.type("mobile", "1390013");
    b.clickAndWait(By.id("send-code"));
    assertThat(b.byId("mobile-error").getText()).contains("请输入正确的中国大陆手机号码");
    b.screenshot("bad-mobile");
    b.type("mobile", admin.mobile());
    b.clickAndWait(By.id("send-code"));
    assertThat(b.byId("notice").getText()).contains("验证码已发送");
    b.type("code", SealingSetup.smsCode(app, admin.mobile()));
    b.screenshot("code-entered");
    b.clickAndWait(By.id("sign-in"));
    assertThat(b.text()).contains("我的印章").contains(org.name()).contains("139****9002");
    fitsThePhone(b);
    b.screenshot("home-new");

    // 下载个人证书: name and ID number as on the application, and the face photo
    b.clickAndWait(By.id("download-certificate"));
    assertThat(b.text()).contains("下载个人证书");
    b.type("name", admin.name());
    b.type("idNumber", "110105194912310029");
    b.byId("photo").sendKeys(face.toString());
    b.clickAndWait(By.id("check-identity"));
    assertThat(b.byId("idNumber-error").getText()).contains("印章管理员信息不一致");
    b.screenshot("identity-mismatch");
    b.type("idNumber", admin.idNumber());
    b.byId("photo").sendKeys(face.toString());
    b.screenshot("identity-filled");
    b.clickAndWait(By.id("check-identity"));
    assertThat(b.byId("notice").getText()).contains("下载证书成功");
    b.screenshot("certificate-downloaded");

    // 设置用章密码
    b.type("pin", "123456");
    b.type("pinRepeat", "123456");
    b.clickAndWait(By.id("save-pin"));
    assertThat(b.byId("pin-error").getText()).contains("过于简单");
    b.screenshot("pin-too-simple");
    b.type("pin", "204816");
    b.type("pinRepeat", "204816");
    b.clickAndWait(By.id("save-pin"));
    assertThat(b.byId("notice").getText()).contains("用章密码设置成功");
    assertThat(b.byId("certificate-status").getText()).contains("个人证书已下载");
    assertThat(b.byId("pin-status").getText()).isEqualTo("已设置");
    b.screenshot("home-ready");

    // 扫一扫: the QR code photographed and uploaded
    b.byId("picture").sendKeys(qr.toString());
    b.clickAndWait(By.id("scan"));
    assertThat(b.driver().getCurrentUrl()).endsWith("/seal-app/requests/" + id);
    assertThat(b.byId("organization").getText()).isEqualTo(org.name());
    assertThat(b.byId("file-name").getText()).isEqualTo("合同.pdf");
    Object previewWidth =
        b.driver()
            .executeScript(
                "var i = document.querySelector('.preview img'); return i.complete ? i.naturalWidth : -1");
    assertThat(((Number) previewWidth).intValue())
        .as("first page preview loaded")
        .isGreaterThan(100);
    fitsThePhone(b);
    b.screenshot("request");

    b.type("pin", "204817");
    b.clickAndWait(By.id("confirm-seal"));
    assertThat(b.byId("pin-error").getText()).contains("用章密码错误，还可尝试 4 次");
    b.screenshot("wrong-pin");
    b.type("pin", "204816");
    b.clickAndWait(By.id("confirm-seal"));
    assertThat(b.byId("sealed").getText()).contains("文件已加盖").contains(org.name());
    b.screenshot("sealed");

    // the channel downloads it; the verification page reads it
    byte[] signed =
        SealingSetup.apiGetBytes(
                app, apiKey, "/api/channel/v1/signing-requests/" + id + "/signed.pdf")
            .body();
    Path pdf = Files.write(files.resolve("sealed.pdf"), signed);
    b.open(app.url("/verify"));
    b.byId("file").sendKeys(pdf.toString());
    b.clickAndWait(By.id("verify"));
    assertThat(b.byId("overall").getText()).contains("文件盖章后未被修改，签章有效");
    assertThat(b.text()).contains(org.name()).contains("有效（未吊销）").contains("可信时间戳");
    fitsThePhone(b);
    b.screenshot("verified");

    // English on request
    b.open(app.url("/seal-app/?lang=en"));
    assertThat(b.text()).contains("My seals").contains("Seal PIN");
    b.screenshot("home-english");
  }

  /**
   * Issue 16, point 17: 扫一扫 with the camera. Chromium's fake camera plays a video of the channel's
   * QR code; the page reads it live (this Chromium has no BarcodeDetector, so with the vendored
   * jsQR) and opens the signing request, with no photo taken. Then the administrator revokes the
   * personal certificate from the app.
   */
  @Test
  void theCameraReadsTheQrCodeLiveAndOpensTheRequest() throws Exception {
    Admin admin = new Admin("冯管理", IdType.PASSPORT, "E20161717", "13900161717");
    Organization org =
        SealingSetup.issued(app, "福州相机扫码测试有限公司", CloudSealingTest.creditCode(), admin);
    String apiKey = SealingSetup.apiKey(app, "demo");
    HttpResponse<String> created =
        SealingSetup.createRequest(
            app,
            apiKey,
            org.creditCode(),
            SealingSetup.onePagePdf("Scanned with the camera."),
            Map.of("page", "1", "x", "150", "y", "80"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = SealingSetup.json(created);
    String id = answer.get("request").get("id").asString();
    Path video = writeY4m(files.resolve("qr.y4m"), answer.get("link").asString());
    // certificate and PIN over HTTP; the phone's browser only signs in
    new SealingSetup.SealAppSession(app).ready(admin, "204816");

    try (Browser b =
        Browser.start(
            WIDTH,
            HEIGHT,
            List.of(
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + video))) {
      b.beginTest("SealAppBrowserTest.camera");
      b.open(app.url("/seal-app/"));
      b.type("mobile", admin.mobile());
      b.clickAndWait(By.id("send-code"));
      b.type("code", SealingSetup.smsCode(app, admin.mobile()));
      b.clickAndWait(By.id("sign-in"));
      assertThat(b.byId("camera-start").isDisplayed()).isTrue();
      assertThat(b.byId("picture").isDisplayed()).as("the photo upload stays").isTrue();
      assertThat(b.driver().executeScript("return 'BarcodeDetector' in window")).isEqualTo(false);
      fitsThePhone(b);
      b.screenshot("home-camera");

      b.clickAndWait(By.id("camera-start"));
      assertThat(b.driver().getCurrentUrl()).endsWith("/seal-app/requests/" + id);
      assertThat(b.byId("organization").getText()).isEqualTo(org.name());
      b.screenshot("camera-opened-request");

      // 吊销个人证书: the reason, the confirmation, and the PIN gone with it
      b.open(app.url("/seal-app/"));
      b.clickAndWait(By.id("revoke-certificate"));
      b.screenshot("revoke");
      b.find(By.id("reason-AFFILIATION_CHANGED")).click();
      b.clickAndWait(By.id("revoke"));
      assertThat(b.byId("revoke-error").getText()).contains("请勾选确认");
      b.find(By.id("reason-AFFILIATION_CHANGED")).click();
      b.byId("confirm").click();
      b.screenshot("revoke-confirmed");
      b.clickAndWait(By.id("revoke"));
      assertThat(b.byId("notice").getText()).contains("个人证书已吊销，用章密码已清除");
      assertThat(b.byId("pin-status").getText()).isEqualTo("尚未设置");
      assertThat(b.findAll(By.id("camera-start"))).isEmpty();
      b.screenshot("revoked");
    }
  }

  /**
   * A Y4M video (what Chromium's fake camera plays, looped) of the QR code of {@code text} on
   * white, 640 × 480, planar 4:2:0.
   */
  static Path writeY4m(Path file, String text) throws Exception {
    int w = 640;
    int h = 480;
    BitMatrix qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 420, 420);
    byte[] luma = new byte[w * h];
    int left = (w - qr.getWidth()) / 2;
    int top = (h - qr.getHeight()) / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int qx = x - left;
        int qy = y - top;
        boolean dark =
            qx >= 0 && qy >= 0 && qx < qr.getWidth() && qy < qr.getHeight() && qr.get(qx, qy);
        luma[y * w + x] = (byte) (dark ? 16 : 235);
      }
    }
    byte[] chroma = new byte[(w / 2) * (h / 2)];
    java.util.Arrays.fill(chroma, (byte) 128);
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      out.write(
          ("YUV4MPEG2 W" + w + " H" + h + " F10:1 Ip A1:1 C420jpeg\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int frame = 0; frame < 10; frame++) {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(luma);
        out.write(chroma);
        out.write(chroma);
      }
    }
    return file;
  }
}
