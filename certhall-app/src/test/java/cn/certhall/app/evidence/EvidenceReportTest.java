package cn.certhall.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.Pdfsig;
import cn.certhall.app.RunningApp;
import cn.certhall.app.channel.ChannelAdministration;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.orderquery.OrderQueryBrowserSteps;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.portal.ApplicationBrowserSteps;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.domain.signature.SignedForm;
import cn.certhall.domain.signature.SignedForms;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.pki.issuance.CertificateRef;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 出证报告 as its readers get it: the handler applies in the browser, the reviewer approves, the
 * handler opens the order in 我的订单 and downloads the report; the test checks the PDF as a court
 * would — its signature (pdfsig trusting the CA's root, and the portal's /verify), its time-stamp
 * (the token's own signature by the CA's TSA, over this signature) — and that every SHA-256 it
 * lists is that of a file stored for the order, and every audit hash that of the log. The console
 * and the channel API hand it out too, each download is audited, and nobody else gets it.
 */
class EvidenceReportTest {
  private static final Pattern FILE_HASH = Pattern.compile("SHA-256: ([0-9a-f]{64})");
  private static final Pattern AUDIT_HASH = Pattern.compile("本条哈希: ([0-9a-f]{64})");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dataDir;
  @TempDir static Path files;
  @TempDir static Path downloads;
  @TempDir static Path work;
  static RunningApp app;
  static Browser browser;
  static String orderId;
  static String creditCode;

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

  /** The order of the browser test, applied for and issued once for all tests of the class. */
  static synchronized String issuedOrder() {
    if (orderId != null) {
      return orderId;
    }
    browser = Browser.start();
    browser.beginTest("EvidenceReportTest");
    ApplicationBrowserSteps steps = new ApplicationBrowserSteps(app, browser, files);
    creditCode = LifecycleFixtures.creditCode("91350100MA00800E1");
    String id = steps.applyUntilMaterials(creditCode, "证据", "13812346677");
    steps.uploadAll();
    steps.continueFromMaterials();
    steps.sign("13900001234");
    browser.byId("sandbox-PAID").click();
    steps.pay();
    ReviewService review = app.bean(ReviewService.class);
    review.claim(id, "reviewer");
    assertThat(review.approve(id, "reviewer").issuanceProblem()).isNull();
    assertThat(app.bean(OrderService.class).find(id).orElseThrow().status())
        .isEqualTo(OrderStatus.ISSUED);
    orderId = id;
    return id;
  }

  @Test
  void the_handler_downloads_the_report_from_my_orders_and_everything_in_it_checks_out()
      throws Exception {
    String id = issuedOrder();
    new OrderQueryBrowserSteps(app, browser).proveUnit(creditCode, "13900001234");
    browser.open(app.url("/orders/" + id));
    browser.screenshot("details-with-report-link");
    assertThat(browser.byId("evidence-report").getText()).isEqualTo("下载出证报告");
    Path downloaded = browser.download(By.id("evidence-report"), downloads);
    assertThat(downloaded.getFileName().toString()).isEqualTo(id + "-evidence.pdf");
    byte[] report = Files.readAllBytes(downloaded);
    Files.write(
        Files.createDirectories(Path.of("target", "screenshots", "EvidenceReportTest"))
            .resolve("evidence.pdf"),
        report);

    // what it says, in Chinese, with personal data masked
    String text = text(report);
    assertThat(text)
        .contains("出证报告", id, "单位证书新办", "示例科技有限公司证据", creditCode, "证书已签发")
        .contains("证书及印章管理员核验", "企业认证", "审核通过", "审核员 reviewer", "支付成功")
        .contains("签发证书", "审计日志（哈希链）")
        .contains("139****1234")
        .doesNotContain("13900001234");

    // the real-name checks the sandbox answered for the order's number, with their request ids
    List<VerificationRecord> checks = app.bean(JdbcVerificationRecords.class).forSubject(id);
    assertThat(checks)
        .extracting(VerificationRecord::purpose)
        .contains(VerificationPurpose.ADMINISTRATOR, VerificationPurpose.ENTERPRISE);
    String unwrapped = text.replaceAll("\\s+", "");
    assertThat(checks)
        .allSatisfy(
            c -> {
              assertThat(c.provider()).isEqualTo("sandbox");
              assertThat(c.requestId()).startsWith("sandbox-");
              assertThat(unwrapped).contains(c.requestId());
            });
    assertThat(text).contains("服务商：sandbox").doesNotContain("未记录");

    // pdfsig, as a relying party runs it, trusting the CA's ECDSA root
    Path nss = Pdfsig.nss(app, work);
    String pdfsig = Pdfsig.check(nss, downloaded);
    assertThat(pdfsig)
        .contains("Signature is Valid")
        .contains("Certificate is Trusted")
        .contains("Total document signed")
        .contains("Signature Type: ETSI.CAdES.detached")
        .contains("Signer Certificate Common Name: certhall ecdsa-issuing 出证");

    // the portal's own verification (/api/verify), which also checks the time-stamp
    JsonNode verified = verify(report);
    assertThat(verified.get("unchanged").asBoolean()).isTrue();
    JsonNode signature = verified.get("signatures").get(0);
    assertThat(signature.get("valid").asBoolean()).isTrue();
    assertThat(signature.get("trusted").asBoolean()).isTrue();
    assertThat(signature.get("timestamped").asBoolean()).isTrue();

    // the time-stamp itself: an RFC 3161 token over this signature's value, signed by the CA's TSA
    try (PDDocument document = Loader.loadPDF(report)) {
      PDSignature dictionary = document.getLastSignatureDictionary();
      CMSSignedData cms;
      try (ASN1InputStream in = new ASN1InputStream(dictionary.getContents())) {
        // the first DER object: the space reserved for the signature is padded with zeros
        cms = new CMSSignedData(ContentInfo.getInstance(in.readObject()));
      }
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      X509CertificateHolder evidenceCertificate =
          (X509CertificateHolder)
              cms.getCertificates().getMatches(signer.getSID()).iterator().next();
      assertThat(
              IETFUtils.valueToString(
                  evidenceCertificate.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()))
          .isEqualTo("certhall ecdsa-issuing 出证");
      TimeStampToken token =
          new TimeStampToken(
              new CMSSignedData(
                  signer
                      .getUnsignedAttributes()
                      .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                      .getAttrValues()
                      .getObjectAt(0)
                      .toASN1Primitive()
                      .getEncoded()));
      X509CertificateHolder tsa =
          (X509CertificateHolder)
              token.getCertificates().getMatches(token.getSID()).iterator().next();
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
      assertThat(
              ExtendedKeyUsage.fromExtensions(tsa.getExtensions())
                  .hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping))
          .isTrue();
      assertThat(tsa.getExtension(Extension.extendedKeyUsage).isCritical()).isTrue();
      assertThat(token.getTimeStampInfo().getMessageImprintDigest())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
    }

    // every SHA-256 in the report is that of a file stored for the order, and each such file is in
    // it
    Set<String> listed = all(FILE_HASH, text);
    Set<String> stored = new HashSet<>();
    MaterialService materials = app.bean(MaterialService.class);
    for (Material m : materials.history(id)) {
      try (InputStream in = materials.open(m).orElseThrow()) {
        stored.add(sha256(in.readAllBytes()));
      }
    }
    for (SignedForm form : app.bean(SignedForms.class).all(id)) {
      try (InputStream in = app.bean(MaterialStore.class).open(form.sha256()).orElseThrow()) {
        stored.add(sha256(in.readAllBytes()));
      }
    }
    HttpResponse<byte[]> certificate =
        browserSession().download("/orders/" + id + "/certificate.cer");
    assertThat(certificate.statusCode()).isEqualTo(200);
    stored.add(sha256(certificate.body()));
    assertThat(listed).isEqualTo(stored);
    // one line per file: each upload, each signed form, the certificate (uploads may share content)
    assertThat(FILE_HASH.matcher(text).results().count())
        .isEqualTo(materials.history(id).size() + app.bean(SignedForms.class).all(id).size() + 1);

    // every audit hash in it is an entry of the log about the order or its certificate, and the
    // chain holds
    JdbcAuditLog audit = app.bean(JdbcAuditLog.class);
    CertificateRef ref = app.bean(OrderCertificates.class).find(id).orElseThrow();
    List<AuditEntry> entries = new ArrayList<>(audit.about(id));
    entries.addAll(audit.about(ref.caName() + "/" + ref.serialHex()));
    List<AuditEntry> before =
        entries.stream()
            .filter(e -> !e.action().equals(AuditAction.EVIDENCE_REPORT_DOWNLOADED.name()))
            .toList();
    assertThat(all(AUDIT_HASH, text))
        .containsAll(before.stream().map(AuditEntry::hash).toList())
        .allMatch(h -> entries.stream().anyMatch(e -> e.hash().equals(h)));
    assertThat(before).allMatch(e -> e.recomputedHash().equals(e.hash()));
    assertThat(text).contains(ref.serialHex());

    // the download is in the audit log: by the handler, through 我的订单, with the PDF's hash
    String reportHash = sha256(report);
    assertThat(audit.about(id))
        .anyMatch(
            e ->
                e.action().equals(AuditAction.EVIDENCE_REPORT_DOWNLOADED.name())
                    && e.actor().equals("applicant")
                    && e.details().contains("ORDER_QUERY")
                    && e.details().contains(reportHash));
  }

  @Test
  void administrators_and_the_orders_channel_get_it_and_nobody_else() throws Exception {
    String id = issuedOrder();

    // another visitor, who proved nothing: the 404 of an order it may not see
    PortalHttp stranger = new PortalHttp(app);
    stranger.get("/orders");
    assertThat(stranger.download("/orders/" + id + "/evidence.pdf").statusCode()).isEqualTo(404);

    // the reviewer (not a CA administrator) is refused; the CA administrator gets it, in English on
    // request
    PortalHttp reviewer = console("reviewer", "certhall-demo");
    assertThat(reviewer.download("/console/admin/orders/" + id + "/evidence.pdf").statusCode())
        .isEqualTo(403);
    PortalHttp admin = console("admin", "certhall-demo-admin");
    HttpResponse<byte[]> english =
        admin.download("/console/admin/orders/" + id + "/evidence.pdf?lang=en");
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(english.headers().firstValue("Content-Disposition").orElseThrow())
        .contains(id + "-evidence.pdf");
    assertThat(text(english.body()))
        .contains("Evidence report", "What happened", "Review approved", id);
    assertThat(
            admin.download("/console/admin/orders/CH000000000000000000/evidence.pdf").statusCode())
        .isEqualTo(404);

    // the order's channel through its API key; another channel gets a 404
    String demoKey = Files.readString(dataDir.resolve("channel-demo-api-key")).strip();
    HttpResponse<byte[]> channel = api(demoKey, "/api/channel/v1/orders/" + id + "/evidence.pdf");
    assertThat(channel.statusCode()).isEqualTo(200);
    assertThat(channel.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/pdf");
    assertThat(text(channel.body())).contains("出证报告", id);
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at) VALUES ('other', '另一云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    String otherKey = app.bean(ChannelAdministration.class).newApiKey("other");
    HttpResponse<byte[]> other = api(otherKey, "/api/channel/v1/orders/" + id + "/evidence.pdf");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(new String(other.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("本渠道没有该订单");

    // each download recorded: the administrator's and the channel's
    List<AuditEntry> downloads =
        app.bean(JdbcAuditLog.class).about(id).stream()
            .filter(e -> e.action().equals(AuditAction.EVIDENCE_REPORT_DOWNLOADED.name()))
            .toList();
    assertThat(downloads)
        .anyMatch(e -> e.actor().equals("operator:admin") && e.details().startsWith("CONSOLE"));
    assertThat(downloads)
        .anyMatch(e -> e.actor().equals("channel:demo") && e.details().startsWith("CHANNEL_API"));
    assertThat(downloads)
        .noneMatch(e -> e.actor().equals("channel:other") || e.actor().equals("operator:reviewer"));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A plain HTTP session carrying the browser's cookies: the same visitor, for one more file. */
  static PortalHttp browserSession() {
    PortalHttp http = new PortalHttp(app);
    browser.driver().manage().getCookies().forEach(c -> http.cookie(c.getName(), c.getValue()));
    return http;
  }

  static PortalHttp console(String username, String password) {
    PortalHttp http = new PortalHttp(app);
    http.get("/console/login");
    HttpResponse<String> signedIn =
        http.post("/console/login", Map.of("username", username, "password", password));
    assertThat(PortalHttp.location(signedIn)).doesNotContain("error");
    return http;
  }

  static HttpResponse<byte[]> api(String key, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("X-Api-Key", key)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode verify(byte[] pdf) throws Exception {
    String boundary = "----evidence" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.writeBytes(pdf);
    body.writeBytes(
        ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(app.url("/api/verify")))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  static Set<String> all(Pattern pattern, String text) {
    Set<String> found = new HashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
