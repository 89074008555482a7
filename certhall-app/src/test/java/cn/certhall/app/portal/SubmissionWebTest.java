package cn.certhall.app.portal;

import static cn.certhall.app.portal.PortalHttp.location;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.NewApplicationFlow;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.MobileThreeFactor;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The steps after the authorization code over real HTTP (session cookie, CSRF field, multipart):
 * 资料上传 with the files the upload rules refuse (each with its message beside its field and nothing
 * stored), re-upload with history, the templates; 证书申请签名 with the SMS code from the sandbox and the
 * 申请表; 支付 paid, failed, abandoned and paid later from order query; 等待审核 with its due date; the
 * resubmission after a rejection; and that another session opens none of an order's pages or files
 * (404). On H2; {@link SubmissionWebPostgresTest} runs the same on PostgreSQL.
 */
class SubmissionWebTest {
  private static final AtomicInteger SERIAL = new AtomicInteger();

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app = start(RunningApp.h2File(dataDir));
  }

  /** The app on {@code database}, with an upload ceiling a quick test can pass. */
  static RunningApp start(cn.certhall.app.TestDatabases.Target database) {
    return RunningApp.start(
        database,
        dataDir,
        Map.of(
            "certhall.ca.hierarchies", "ECDSA",
            "certhall.sandbox.enabled", "true",
            // a ceiling above the 10 MB materials limit, low enough for a quick test
            "spring.servlet.multipart.max-file-size", "12MB",
            "spring.servlet.multipart.max-request-size", "12MB"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- orders ---------------------------------------------------------------------------------

  /** An order of its own (credit code, handler mobile), with {@code name} as organization. */
  static Order orderAtMaterials(String name) {
    return orderAtMaterials(name, "demo");
  }

  static Order orderAtMaterials(String name, String channelId) {
    int n = SERIAL.incrementAndGet();
    String creditCode =
        NewUnitApplicationTest.creditCode(
            String.format("91350100MA%07dB", 2000 + n).substring(0, 17));
    String mobile = "1380013" + String.format("%04d", 2000 + n);
    UnitApplication application =
        new UnitApplication(
            name,
            creditCode,
            new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
            new UnitApplication.Handler(
                "李经办",
                IdType.RESIDENT_ID_CARD,
                NewUnitApplicationTest.HANDLER_ID,
                mobile,
                "jb@example.cn"),
            new UnitApplication.Administrator(
                "王管理", IdType.RESIDENT_ID_CARD, NewUnitApplicationTest.ADMIN_ID, "13900139002"),
            EnterpriseVerificationDetails.corporateTransfer(name, "35001234567890", "中国农业银行"),
            AdministratorVerificationDetails.mobile());
    OrderService orders = app.bean(OrderService.class);
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, channelId, application);
    orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
    return orders.move(
        order.id(), OrderStatus.AUTHORIZATION_CODE_ENTERED, HistoryNote.text("test set-up"));
  }

  /** A session that may see the order: the handler passed 我的订单's SMS check. */
  static PortalHttp ownerOf(Order order) {
    PortalHttp owner = new PortalHttp(app);
    owner.proveUnit(order.application().creditCode(), order.application().handler().mobile());
    return owner;
  }

  static Order reload(Order order) {
    return app.bean(OrderService.class).find(order.id()).orElseThrow();
  }

  static long materialRows(Order order) {
    return app.bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM material WHERE order_id = ?")
        .param(order.id())
        .query(Long.class)
        .single();
  }

  static long storedFiles() throws IOException {
    Path root = dataDir.resolve("materials");
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  static final byte[] PHOTO = UploadSamples.jpeg(UploadSamples.document(1200, 900));

  static void uploadAll(PortalHttp s, Order order) {
    s.get("/apply/" + order.id() + "/materials");
    for (MaterialKind kind : MaterialKind.requiredFor(order.businessType())) {
      HttpResponse<String> r =
          s.upload("/apply/" + order.id() + "/materials/" + kind.name(), "photo.jpg", PHOTO);
      assertThat(r.statusCode()).as(kind + " uploaded").isEqualTo(302);
    }
  }

  /** From the materials to the signed application: 下一步, 获取验证码, the code, 确定. */
  static HttpResponse<String> completeAndSign(PortalHttp s, Order order) {
    s.get("/apply/" + order.id() + "/materials");
    HttpResponse<String> next = s.post("/apply/" + order.id() + "/materials/complete", Map.of());
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(location(next)).isEqualTo("/apply/" + order.id() + "/sign");
    s.get("/apply/" + order.id() + "/sign");
    HttpResponse<String> sent = s.post("/apply/" + order.id() + "/sign/code", Map.of());
    assertThat(location(sent)).isEqualTo("/apply/" + order.id() + "/sign");
    String code =
        PortalHttp.sandboxCode(
            app, order.application().handler().mobile(), PortalHttp.SIGNATURE_CODE);
    s.get("/apply/" + order.id() + "/sign");
    return s.post("/apply/" + order.id() + "/sign", Map.of("code", code));
  }

  // ---- uploads --------------------------------------------------------------------------------

  @Test
  void refused_uploads_get_their_message_beside_the_field_and_nothing_is_stored()
      throws IOException {
    Order order = orderAtMaterials("拒收测试有限公司");
    PortalHttp s = ownerOf(order);
    HttpResponse<String> page = s.get("/apply/" + order.id() + "/materials");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("资料上传", "营业执照", "印章采集表", "enctype=\"multipart/form-data\"", "name=\"_csrf\"");
    long filesBefore = storedFiles();

    byte[] oversized = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy(PHOTO, 0, oversized, 0, PHOTO.length);
    Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
    refused.put("该文件是程序文件，不是图片或 PDF", UploadSamples.windowsProgram());
    refused.put("图片分辨率过高，像素总数不能超过 40 百万", UploadSamples.pngBomb(100_000, 100_000));
    refused.put("图片已损坏或不完整，无法打开", UploadSamples.truncated(PHOTO, 0.6));
    refused.put("文件过大，不能超过 10 MB", oversized);
    refused.put("文件是空的，请重新选择文件上传", new byte[0]);
    for (Map.Entry<String, byte[]> bad : refused.entrySet()) {
      HttpResponse<String> r =
          s.upload(
              "/apply/" + order.id() + "/materials/BUSINESS_LICENSE",
              "licence.jpg",
              bad.getValue());
      assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(r.body())
          .as("the message beside the field")
          .containsPattern(
              "id=\"error-BUSINESS_LICENSE\"[^>]*>[^<]*"
                  + java.util.regex.Pattern.quote(bad.getKey()));
      assertThat(r.body()).contains("aria-describedby=\"error-BUSINESS_LICENSE\"");
    }
    assertThat(materialRows(order)).isZero();
    assertThat(storedFiles()).isEqualTo(filesBefore);

    // larger than the container parses at all: redirected to the page with the same message
    byte[] huge = new byte[13 * 1024 * 1024];
    HttpResponse<String> tooBig =
        s.upload("/apply/" + order.id() + "/materials/BUSINESS_LICENSE", "huge.jpg", huge);
    assertThat(tooBig.statusCode()).isEqualTo(303);
    HttpResponse<String> shown =
        s.get(
            tooBig
                .headers()
                .firstValue("Location")
                .orElseThrow()
                .replaceFirst("^https?://[^/]+", ""));
    assertThat(shown.body())
        .containsPattern("id=\"error-BUSINESS_LICENSE\"[^>]*>[^<]*文件过大，不能超过 10 MB");

    // without the CSRF field: refused before anything is read
    HttpResponse<String> forged =
        s.uploadWithoutCsrf(
            "/apply/" + order.id() + "/materials/BUSINESS_LICENSE", "licence.jpg", PHOTO);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(materialRows(order)).isZero();
    assertThat(storedFiles()).isEqualTo(filesBefore);
  }

  @Test
  void in_english_the_refusal_is_in_english() {
    Order order = orderAtMaterials("英文测试有限公司");
    PortalHttp s = ownerOf(order);
    assertThat(s.get("/apply/" + order.id() + "/materials?lang=en").body())
        .contains("<h1>Materials</h1>");
    HttpResponse<String> r =
        s.upload(
            "/apply/" + order.id() + "/materials/HANDLER_ID_BACK",
            "back.jpg",
            UploadSamples.windowsProgram());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .containsPattern("id=\"error-HANDLER_ID_BACK\"[^>]*>[^<]*This file is a program");
    assertThat(materialRows(order)).isZero();
  }

  @Test
  void a_reupload_replaces_the_file_and_keeps_the_history_and_flags_show_before_the_step_completes()
      throws IOException {
    Order order = orderAtMaterials("重传测试有限公司");
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    byte[] small = UploadSamples.jpeg(UploadSamples.document(400, 300));
    s.get("/apply/" + order.id() + "/materials");
    HttpResponse<String> again =
        s.upload("/apply/" + order.id() + "/materials/HANDLER_ID_FRONT", "front.png", small);
    assertThat(again.statusCode()).isEqualTo(302);
    HttpResponse<String> page = s.get("/apply/" + order.id() + "/materials");
    assertThat(page.body()).contains("照片尺寸过小", "共上传 2 次，历史版本已保留");
    assertThat(app.bean(MaterialService.class).history(order.id())).hasSize(6);
    assertThat(app.bean(MaterialService.class).current(order.id())).hasSize(5);
    HttpResponse<byte[]> file =
        s.download("/apply/" + order.id() + "/materials/HANDLER_ID_FRONT/file");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(small);

    // 下一步 with a flagged photo: shown once more, continue only when accepted
    HttpResponse<String> next = s.post("/apply/" + order.id() + "/materials/complete", Map.of());
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("以下资料可能不够清晰", "仍然继续");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
    HttpResponse<String> accepted =
        s.post("/apply/" + order.id() + "/materials/complete", Map.of("acceptFlags", "yes"));
    assertThat(location(accepted)).isEqualTo("/apply/" + order.id() + "/sign");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.MATERIALS_UPLOADED);
  }

  @Test
  void the_step_completes_only_with_every_material_and_the_templates_are_filled_from_the_order()
      throws IOException {
    Order order = orderAtMaterials("模板测试有限公司");
    PortalHttp s = ownerOf(order);
    s.get("/apply/" + order.id() + "/materials");
    HttpResponse<String> early = s.post("/apply/" + order.id() + "/materials/complete", Map.of());
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("请上传营业执照", "请上传印章采集表");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
    // the signature page sends an order without its materials back to them
    assertThat(location(s.get("/apply/" + order.id() + "/sign")))
        .isEqualTo("/apply/" + order.id() + "/materials");

    for (String template : List.of("authorization-letter", "seal-collection-form")) {
      HttpResponse<byte[]> pdf =
          s.download("/apply/" + order.id() + "/templates/" + template + ".pdf");
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/pdf");
      assertThat(pdfText(pdf.body())).contains("模板测试有限公司", order.application().creditCode());
    }
  }

  // ---- the authorization code -----------------------------------------------------------------

  /**
   * 证书授权码 as one step: the right code is spent with the move it makes, in one transaction. A code
   * that met an order already moved elsewhere (another tab's 返回修改) stays usable, where checking it
   * first and moving after would have spent it for nothing.
   */
  @Test
  void a_right_authorization_code_is_spent_only_with_the_step_it_takes() {
    int n = SERIAL.incrementAndGet();
    String creditCode =
        NewUnitApplicationTest.creditCode(
            String.format("91350100MA%07dC", 3000 + n).substring(0, 17));
    String legalRepMobile = "1370013" + String.format("%04d", 3000 + n);
    UnitApplication application =
        new UnitApplication(
            "授权码一步测试有限公司",
            creditCode,
            new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
            new UnitApplication.Handler(
                "李经办",
                IdType.RESIDENT_ID_CARD,
                NewUnitApplicationTest.HANDLER_ID,
                "1380013" + String.format("%04d", 3000 + n),
                "jb@example.cn"),
            new UnitApplication.Administrator(
                "王管理", IdType.RESIDENT_ID_CARD, NewUnitApplicationTest.ADMIN_ID, "13900139002"),
            EnterpriseVerificationDetails.legalRepMobile(legalRepMobile),
            AdministratorVerificationDetails.mobile());
    OrderService orders = app.bean(OrderService.class);
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", application);
    assertThat(
            app.bean(EnterpriseVerification.class)
                .byLegalRepMobile(
                    order.id(), new MobileThreeFactor("张法人", "11010519491231002X", legalRepMobile))
                .isCodeSent())
        .isTrue();
    String code =
        PortalHttp.sandboxCode(
            app, legalRepMobile, java.util.regex.Pattern.compile("证书授权码为?(\\d{6})"));
    NewApplicationFlow flow = app.bean(NewApplicationFlow.class);

    // the order is at its form (another tab went back to it): the right code moves nothing
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> flow.enterAuthorizationCode(order.id(), code))
        .isInstanceOf(MoveNotAllowedException.class);
    assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_FILLED);

    // confirmed again, the same code still works, once
    orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
    CodeEntry entered = flow.enterAuthorizationCode(order.id(), code);
    assertThat(entered).isInstanceOf(CodeEntry.Entered.class);
    assertThat(((CodeEntry.Entered) entered).order().status())
        .isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
    orders.move(order.id(), OrderStatus.APPLICATION_FILLED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
    CodeEntry again = flow.enterAuthorizationCode(order.id(), code);
    assertThat(again).isInstanceOf(CodeEntry.Refused.class);
    assertThat(((CodeEntry.Refused) again).check().status())
        .as("spent")
        .isEqualTo(CodeCheck.Status.NONE);
  }

  // ---- signature, payment, waiting --------------------------------------------------------------

  @Test
  void signed_paid_and_waiting_with_the_due_date_and_the_application_form_in_order_query()
      throws IOException {
    Order order = orderAtMaterials("签名支付测试有限公司");
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    s.get("/apply/" + order.id() + "/materials");
    s.post("/apply/" + order.id() + "/materials/complete", Map.of());
    HttpResponse<String> sign = s.get("/apply/" + order.id() + "/sign");
    assertThat(sign.body())
        .contains(
            "证书申请签名",
            "签名支付测试有限公司",
            "李*",
            "138****" + order.application().handler().mobile().substring(7))
        .doesNotContain(order.application().handler().mobile(), NewUnitApplicationTest.HANDLER_ID);
    for (var m : app.bean(MaterialService.class).current(order.id())) {
      assertThat(sign.body()).contains(m.sha256());
    }

    // a wrong code first
    s.post("/apply/" + order.id() + "/sign/code", Map.of());
    String code =
        PortalHttp.sandboxCode(
            app, order.application().handler().mobile(), PortalHttp.SIGNATURE_CODE);
    s.get("/apply/" + order.id() + "/sign");
    HttpResponse<String> wrong =
        s.post(
            "/apply/" + order.id() + "/sign",
            Map.of("code", code.equals("000000") ? "111111" : "000000"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("验证码错误，还可尝试 4 次");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.MATERIALS_UPLOADED);

    HttpResponse<String> signed = s.post("/apply/" + order.id() + "/sign", Map.of("code", code));
    assertThat(location(signed)).isEqualTo("/apply/" + order.id() + "/pay");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);
    HttpResponse<String> pay = s.get("/apply/" + order.id() + "/pay");
    assertThat(pay.body()).contains("支付", "¥500.00");
    HttpResponse<String> paid = s.post("/apply/" + order.id() + "/pay", PortalHttp.CASHIER);
    assertThat(location(paid)).isEqualTo("/apply/" + order.id() + "/waiting");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    HttpResponse<String> waiting = s.get("/apply/" + order.id() + "/waiting");
    assertThat(waiting.body())
        .contains("等待审核", "审核截止日期")
        .containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日（3 个工作日内）");

    // order query: the due date and the 申请表 with the order's data and the files' hashes
    HttpResponse<String> details = s.get("/orders/" + order.id());
    assertThat(details.body()).contains("审核截止日期", "下载申请表");
    HttpResponse<byte[]> form = s.download("/orders/" + order.id() + "/application-form.pdf");
    assertThat(form.statusCode()).isEqualTo(200);
    String text = pdfText(form.body()).replaceAll("\\s+", "");
    assertThat(text).contains("签名支付测试有限公司", order.application().creditCode());
    for (var m : app.bean(MaterialService.class).current(order.id())) {
      assertThat(text).contains(m.sha256());
    }
  }

  @Test
  void a_failed_and_an_abandoned_payment_are_paid_again_later_from_order_query() {
    for (String name : List.of("支付失败测试有限公司", "放弃支付测试有限公司")) {
      Order order = orderAtMaterials(name);
      PortalHttp s = ownerOf(order);
      uploadAll(s, order);
      assertThat(location(completeAndSign(s, order))).isEqualTo("/apply/" + order.id() + "/pay");
      s.get("/apply/" + order.id() + "/pay");
      HttpResponse<String> first = s.post("/apply/" + order.id() + "/pay", PortalHttp.CASHIER);
      assertThat(location(first)).isEqualTo("/apply/" + order.id() + "/pay");
      HttpResponse<String> outcome = s.get("/apply/" + order.id() + "/pay");
      assertThat(outcome.body()).contains(name.startsWith("支付失败") ? "支付失败，订单未支付" : "支付未完成");
      assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);

      // later, in another browser: 我的订单 → 继续办理 leads to the payment
      PortalHttp later = ownerOf(order);
      later.get("/orders/" + order.id());
      HttpResponse<String> resumed = later.post("/orders/" + order.id() + "/continue", Map.of());
      assertThat(location(resumed)).isEqualTo("/apply/" + order.id() + "/pay");
      later.get("/apply/" + order.id() + "/pay");
      assertThat(location(later.post("/apply/" + order.id() + "/pay", PortalHttp.CASHIER)))
          .isEqualTo("/apply/" + order.id() + "/waiting");
      assertThat(reload(order).status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
      assertThat(app.bean(PaymentService.class).payments(order.id()))
          .extracting(Payment::status)
          .containsExactly(
              name.startsWith("支付失败") ? Payment.Status.FAILED : Payment.Status.PENDING,
              Payment.Status.PAID);
    }
  }

  /**
   * Issue 16 point 16: the cashier takes the method and the 开票信息 (checked, with Chinese errors),
   * the tester's sandbox choice decides failure, abandonment and success whatever the name, the
   * paid order's 支付凭证 is the owner's only, and the console shows the 开票信息.
   */
  @Test
  void
      the_cashier_takes_method_and_invoice_the_sandbox_choice_decides_and_the_receipt_is_the_owners()
          throws IOException {
    Order order = orderAtMaterials("收银台测试有限公司");
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    String pay = "/apply/" + order.id() + "/pay";
    assertThat(location(completeAndSign(s, order))).isEqualTo(pay);
    String page = s.get(pay).body();
    assertThat(page)
        .contains("微信支付", "支付宝", "对公转账", "开票信息", order.application().creditCode(), "jb@example.cn");

    HttpResponse<String> invalid =
        s.post(
            pay,
            Map.of("method", "", "invoiceTitle", " ", "taxNumber", "123", "invoiceEmail", "jb@"));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body())
        .contains("请选择支付方式。", "请填写发票抬头。", "纳税人识别号应为15位、18位或20位数字或大写字母", "电子邮箱格式不正确");
    assertThat(app.bean(PaymentService.class).payments(order.id())).isEmpty();

    Map<String, String> cashier =
        new java.util.HashMap<>(
            Map.of(
                "method",
                "ALIPAY",
                "invoiceTitle",
                "收银台测试有限公司（开票）",
                "taxNumber",
                order.application().creditCode().toLowerCase(java.util.Locale.ROOT),
                "invoiceEmail",
                "cw@example.cn"));
    cashier.put("sandboxOutcome", "FAILED");
    assertThat(location(s.post(pay, cashier))).isEqualTo(pay);
    assertThat(s.get(pay).body()).contains("支付失败，订单未支付");
    cashier.put("sandboxOutcome", "ABANDONED");
    assertThat(location(s.post(pay, cashier))).isEqualTo(pay);
    assertThat(s.get(pay).body()).contains("支付未完成", "收银台测试有限公司（开票）", "cw@example.cn");
    assertThat(reload(order).status()).isEqualTo(OrderStatus.APPLICATION_SIGNED);
    assertThat(s.download("/orders/" + order.id() + "/receipt.pdf").statusCode())
        .as("unpaid")
        .isEqualTo(404);
    cashier.put("sandboxOutcome", "PAID");
    assertThat(location(s.post(pay, cashier))).isEqualTo("/apply/" + order.id() + "/waiting");
    assertThat(app.bean(PaymentService.class).payments(order.id()))
        .extracting(Payment::status)
        .containsExactly(Payment.Status.FAILED, Payment.Status.PENDING, Payment.Status.PAID);

    // 我的订单: the receipt, as text
    assertThat(s.get("/orders/" + order.id()).body()).contains("下载支付凭证");
    HttpResponse<byte[]> receipt = s.download("/orders/" + order.id() + "/receipt.pdf");
    assertThat(receipt.statusCode()).isEqualTo(200);
    Payment paid =
        app.bean(PaymentService.class).payments(order.id()).stream()
            .filter(p -> p.status() == Payment.Status.PAID)
            .findFirst()
            .orElseThrow();
    String text = pdfText(receipt.body()).replaceAll("\\s+", "");
    assertThat(text)
        .contains("支付凭证", order.id(), "收银台测试有限公司", "500.00元", "支付宝", "SBX-" + paid.id())
        .containsPattern("支付时间：\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}:\\d{2}");

    // another session: no receipt
    PortalHttp stranger = new PortalHttp(app);
    stranger.get("/orders");
    assertThat(stranger.download("/orders/" + order.id() + "/receipt.pdf").statusCode())
        .isEqualTo(404);

    // the CA sees the 开票信息 on the console's order page (tax number as typed, upper-case)
    PortalHttp reviewer = new PortalHttp(app);
    reviewer.get("/console/login");
    assertThat(
            reviewer
                .post("/console/login", Map.of("username", "reviewer", "password", "certhall-demo"))
                .statusCode())
        .isEqualTo(302);
    assertThat(reviewer.get("/console/orders/" + order.id()).body())
        .contains("开票信息", "收银台测试有限公司（开票）", order.application().creditCode(), "cw@example.cn");
  }

  @Test
  void with_no_fee_the_signature_submits_the_order_at_once() {
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at) VALUES ('free', '免费云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    Order order = orderAtMaterials("免费渠道测试有限公司", "free");
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    assertThat(location(completeAndSign(s, order))).isEqualTo("/apply/" + order.id() + "/waiting");
    Order after = reload(order);
    assertThat(after.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(after.history().get(after.history().size() - 1).note())
        .isEqualTo(HistoryNote.of("history.payment.free"));
    assertThat(app.bean(PaymentService.class).payments(order.id())).isEmpty();
  }

  @Test
  void each_page_sends_an_order_at_another_step_to_its_own_page() {
    Order order = orderAtMaterials("跳转测试有限公司");
    PortalHttp s = ownerOf(order);
    String base = "/apply/" + order.id();
    for (String page : List.of("/sign", "/pay", "/waiting", "/code", "/confirm")) {
      HttpResponse<String> r = s.get(base + page);
      assertThat(r.statusCode()).as(page).isEqualTo(302);
      assertThat(location(r)).as(page).isEqualTo(base + "/materials");
    }
    uploadAll(s, order);
    s.get(base + "/materials");
    s.post(base + "/materials/complete", Map.of());
    for (String page : List.of("/pay", "/waiting")) {
      assertThat(location(s.get(base + page))).as(page).isEqualTo(base + "/sign");
    }
    // 继续办理 from order query lands on the step's page
    s.get("/orders/" + order.id());
    assertThat(location(s.post("/orders/" + order.id() + "/continue", Map.of())))
        .isEqualTo(base + "/sign");
    HttpResponse<String> signed = completeAndSign(s, order);
    assertThat(location(signed)).isEqualTo(base + "/pay");
    for (String page : List.of("/materials", "/sign", "/waiting")) {
      assertThat(location(s.get(base + page))).as(page).isEqualTo(base + "/pay");
    }
    assertThat(s.upload(base + "/materials/BUSINESS_LICENSE", "late.jpg", PHOTO).statusCode())
        .isEqualTo(302);
    assertThat(app.bean(MaterialService.class).history(order.id()))
        .as("no upload after signing")
        .hasSize(5);
  }

  // ---- resubmission after a rejection
  // -------------------------------------------------------------

  @Test
  void a_rejected_order_shows_the_reason_is_corrected_and_resubmitted_without_paying_again()
      throws IOException {
    Order order = orderAtMaterials("驳回重提测试有限公司");
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    completeAndSign(s, order);
    s.get("/apply/" + order.id() + "/pay");
    s.post("/apply/" + order.id() + "/pay", PortalHttp.CASHIER);
    assertThat(reload(order).status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);

    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), "reviewer");
    review.reject(order.id(), "reviewer", RejectionReason.UNCLEAR_PHOTO, "身份证反面反光");

    // order query shows the reason; 继续办理 leads to the materials with the reason
    PortalHttp handler = ownerOf(order);
    HttpResponse<String> details = handler.get("/orders/" + order.id());
    assertThat(details.body()).contains("审核未通过", "上传的照片不清晰（身份证反面反光）", "继续办理");
    HttpResponse<String> resumed = handler.post("/orders/" + order.id() + "/continue", Map.of());
    assertThat(location(resumed)).isEqualTo("/apply/" + order.id() + "/materials");
    HttpResponse<String> materials = handler.get("/apply/" + order.id() + "/materials");
    assertThat(materials.body()).contains("审核未通过，请修改后重新提交", "上传的照片不清晰（身份证反面反光）");

    byte[] clearer = UploadSamples.pdf("ID card back, clearer");
    assertThat(
            handler
                .upload("/apply/" + order.id() + "/materials/HANDLER_ID_BACK", "back.pdf", clearer)
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> resubmitted = completeAndSign(handler, order);
    assertThat(location(resubmitted)).isEqualTo("/apply/" + order.id() + "/waiting");

    Order after = reload(order);
    assertThat(after.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(after.history())
        .extracting(StatusChange::to)
        .containsSubsequence(
            OrderStatus.PAID,
            OrderStatus.WAITING_FOR_REVIEW,
            OrderStatus.REJECTED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW);
    assertThat(app.bean(PaymentService.class).payments(order.id())).hasSize(1);
    assertThat(app.bean(MaterialService.class).history(order.id())).hasSize(6);
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM signed_application_form WHERE order_id = ?")
                .param(order.id())
                .query(Long.class)
                .single())
        .isEqualTo(2);
    String form =
        pdfText(handler.download("/apply/" + order.id() + "/application-form.pdf").body())
            .replaceAll("\\s+", "");
    assertThat(form).contains(cn.certhall.domain.material.MaterialStore.sha256(clearer));
  }

  // ---- 返回修改 of a rejected order's form (issue 16 point 12) ----------------------------------

  /** An order signed, paid and rejected by the reviewer; the handler's session that proved it. */
  static Order rejected(String name) {
    Order order = orderAtMaterials(name);
    PortalHttp s = ownerOf(order);
    uploadAll(s, order);
    completeAndSign(s, order);
    s.get("/apply/" + order.id() + "/pay");
    s.post("/apply/" + order.id() + "/pay", PortalHttp.CASHIER);
    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), "reviewer");
    review.reject(order.id(), "reviewer", RejectionReason.OTHER, "经办人邮箱有误");
    return reload(order);
  }

  /** 返回修改 from the rejected order's materials page: the form, pre-filled from the order. */
  static HttpResponse<String> backToForm(PortalHttp s, Order order) {
    HttpResponse<String> materials = s.get("/apply/" + order.id() + "/materials");
    assertThat(materials.body()).contains("返回修改申请信息", "/apply/" + order.id() + "/edit");
    HttpResponse<String> edit = s.post("/apply/" + order.id() + "/edit", Map.of());
    assertThat(location(edit)).isEqualTo("/apply/form");
    return s.get("/apply/form");
  }

  static Map<String, String> formOf(Order order, String... changes) {
    Map<String, String> fields =
        new java.util.LinkedHashMap<>(ApplicationForm.of(order.application()).getValues());
    for (int i = 0; i < changes.length; i += 2) {
      fields.put(changes[i], changes[i + 1]);
    }
    return fields;
  }

  static long sandboxMessages() {
    return app.bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM sandbox_message")
        .query(Long.class)
        .single();
  }

  @Test
  void a_rejected_order_corrected_in_a_field_no_check_reads_is_not_verified_again_and_signs_again()
      throws IOException {
    Order order = rejected("返回修改无需核验有限公司");
    PortalHttp handler = ownerOf(order);
    HttpResponse<String> form = backToForm(handler, order);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains(
            "审核未通过：返回修改申请信息",
            "经办人邮箱有误",
            "value=\"jb@example.cn\"",
            "value=\"返回修改无需核验有限公司\"",
            order.id());
    assertThat(reload(order).status())
        .as("opening the form moves nothing")
        .isEqualTo(OrderStatus.REJECTED);

    long messages = sandboxMessages();
    HttpResponse<String> corrected =
        handler.post(
            "/apply/form", formOf(order, ApplicationForm.HANDLER_EMAIL, "right@example.cn"));
    assertThat(location(corrected)).isEqualTo("/apply/" + order.id() + "/confirm");
    assertThat(sandboxMessages())
        .as("no code, no transfer: nothing verified again")
        .isEqualTo(messages);
    HttpResponse<String> confirm = handler.get("/apply/" + order.id() + "/confirm");
    assertThat(confirm.body()).contains("r***@example.cn").doesNotContain("j***@example.cn");
    HttpResponse<String> confirmed = handler.post("/apply/" + order.id() + "/confirm", Map.of());
    assertThat(location(confirmed))
        .as("the authorization code stands")
        .isEqualTo("/apply/" + order.id() + "/materials");
    HttpResponse<String> materials = handler.get("/apply/" + order.id() + "/materials");
    assertThat(materials.body()).contains("申请信息已修改：已上传的资料均已保留");
    assertThat(app.bean(MaterialService.class).missing(order.id())).as("files kept").isEmpty();

    HttpResponse<String> resubmitted = completeAndSign(handler, reload(order));
    assertThat(location(resubmitted)).isEqualTo("/apply/" + order.id() + "/waiting");
    Order after = reload(order);
    assertThat(after.status()).isEqualTo(OrderStatus.WAITING_FOR_REVIEW);
    assertThat(after.application().handler().email()).isEqualTo("right@example.cn");
    assertThat(after.history())
        .extracting(line -> line.note() == null ? null : line.note().key())
        .contains(
            "history.correction.verified.none",
            "history.correction.codeKept",
            "history.signature.resubmitted");
    assertThat(after.history()).extracting(StatusChange::to).containsOnlyOnce(OrderStatus.PAID);
    assertThat(app.bean(PaymentService.class).payments(order.id())).hasSize(1);
    assertThat(app.bean(OrderService.class).list(order.application().creditCode()).unfinished())
        .extracting(Order::id)
        .containsExactly(order.id());
    String pdf = pdfText(handler.download("/apply/" + order.id() + "/application-form.pdf").body());
    assertThat(pdf).contains("right@example.cn").doesNotContain("jb@example.cn");
  }

  @Test
  void a_failed_reverification_leaves_the_order_rejected_and_editable() {
    Order order = rejected("返回修改核验失败有限公司");
    PortalHttp handler = ownerOf(order);
    backToForm(handler, order);

    HttpResponse<String> failed =
        handler.post("/apply/form", formOf(order, ApplicationForm.ADMIN_NAME, "假管理"));
    assertThat(failed.statusCode()).isEqualTo(200);
    assertThat(failed.body()).contains("证书及印章管理员信息核验未通过", "value=\"假管理\"");
    Order still = reload(order);
    assertThat(still.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(still.application()).isEqualTo(order.application());
    assertThat(still.version()).isEqualTo(order.version());

    // not lost: 继续办理 leads to it again, and a good correction passes the check it needs
    assertThat(location(handler.post("/orders/" + order.id() + "/continue", Map.of())))
        .isEqualTo("/apply/" + order.id() + "/materials");
    backToForm(handler, order);
    HttpResponse<String> corrected =
        handler.post("/apply/form", formOf(order, ApplicationForm.ADMIN_NAME, "赵管理"));
    assertThat(location(corrected)).isEqualTo("/apply/" + order.id() + "/confirm");
    Order after = reload(order);
    assertThat(after.application().administrator().name()).isEqualTo("赵管理");
    assertThat(after.history().get(after.history().size() - 1).note())
        .isEqualTo(HistoryNote.of("history.correction.verified.administrator"));
  }

  @Test
  void a_session_without_the_orders_proof_cannot_correct_it() {
    Order order = rejected("返回修改他人有限公司");
    PortalHttp stranger = new PortalHttp(app);
    stranger.get("/apply?channelId=demo");
    stranger.post("/apply", Map.of("channelId", "demo", "agree", "yes"));
    stranger.get("/apply/form");
    String base = "/apply/" + order.id();
    assertThat(stranger.post(base + "/edit", Map.of()).statusCode()).isEqualTo(404);
    assertThat(stranger.get(base + "/form").statusCode()).isEqualTo(404);
    assertThat(stranger.get(base + "/confirm").statusCode()).isEqualTo(404);
    // its own draft is a new application: it cannot reach the order (one unfinished order per unit)
    HttpResponse<String> posted =
        stranger.post("/apply/form", formOf(order, ApplicationForm.HANDLER_EMAIL, "x@example.cn"));
    assertThat(posted.statusCode()).isEqualTo(409);
    Order still = reload(order);
    assertThat(still.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(still.application()).isEqualTo(order.application());
    assertThat(still.version()).isEqualTo(order.version());
  }

  // ---- another session
  // ----------------------------------------------------------------------------

  @Test
  void another_session_opens_none_of_the_orders_pages_or_files() throws IOException {
    Order order = orderAtMaterials("他人访问测试有限公司");
    PortalHttp owner = ownerOf(order);
    uploadAll(owner, order);
    completeAndSign(owner, order);

    PortalHttp stranger = new PortalHttp(app);
    stranger.get("/orders");
    String base = "/apply/" + order.id();
    for (String path :
        List.of(
            base + "/materials",
            base + "/sign",
            base + "/pay",
            base + "/waiting",
            base + "/materials/BUSINESS_LICENSE/file",
            base + "/templates/authorization-letter.pdf",
            base + "/templates/seal-collection-form.pdf",
            base + "/application-form.pdf",
            "/orders/" + order.id() + "/application-form.pdf")) {
      HttpResponse<byte[]> r = stranger.download(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .as(path)
          .doesNotContain("他人访问测试有限公司");
    }
    long rows = materialRows(order);
    HttpResponse<String> upload =
        stranger.upload(base + "/materials/BUSINESS_LICENSE", "x.jpg", PHOTO);
    assertThat(upload.statusCode()).isEqualTo(404);
    assertThat(materialRows(order)).isEqualTo(rows);
    assertThat(stranger.post(base + "/sign/code", Map.of()).statusCode()).isEqualTo(404);
    assertThat(stranger.post(base + "/pay", Map.of()).statusCode()).isEqualTo(404);

    // the owner may
    assertThat(owner.download(base + "/application-form.pdf").statusCode()).isEqualTo(200);
    assertThat(owner.download(base + "/templates/authorization-letter.pdf").statusCode())
        .isEqualTo(200);
  }
}
