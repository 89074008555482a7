package cn.certhall.app.sealing;

import static cn.certhall.app.sealing.SealingSetup.apiGet;
import static cn.certhall.app.sealing.SealingSetup.apiGetBytes;
import static cn.certhall.app.sealing.SealingSetup.createRequest;
import static cn.certhall.app.sealing.SealingSetup.json;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.channel.WebhookDispatcher;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Multipart;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.sealing.SealingSetup.SealAppSession;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.revocation.RevocationReason;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Cloud sealing end to end in the running app (ECDSA CA, the CA's own TSA, sandbox SMS and face
 * check): the channel API makes a request, the seal app opens its QR link and seals with the PIN;
 * the result checked by pdfsig and by our PDFBox verifier, altered copies reported as altered by
 * both; the channel's webhook; and each refusal with its message and audit entry.
 */
class CloudSealingTest {
  static final AtomicInteger SEQ = new AtomicInteger(10);
  static final String PIN = "204816";

  @TempDir static Path dataDir;
  @TempDir static Path work;
  static RunningApp app;
  static String apiKey;

  @BeforeAll
  static void start() {
    app = SealingSetup.start(dataDir);
    apiKey = SealingSetup.apiKey(app, "demo");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String creditCode() {
    String first17 = String.format("91350100M%08d", SEQ.incrementAndGet());
    for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(first17 + c).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check character for " + first17);
  }

  static Admin admin(String name) {
    int n = SEQ.incrementAndGet();
    return new Admin(
        name,
        IdType.PASSPORT,
        String.format("E%08d", 10000000 + n),
        String.format("139%08d", 10000000 + n));
  }

  static Organization organization(String name, Admin admin) {
    return SealingSetup.issued(app, name, creditCode(), admin);
  }

  /** A new request at a position on page 1; its JSON answer. */
  static JsonNode request(Organization org) {
    HttpResponse<String> created =
        createRequest(
            app,
            apiKey,
            org.creditCode(),
            SealingSetup.onePagePdf(org.name()),
            Map.of("page", "1", "x", "150", "y", "80"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created);
  }

  static List<String> audit(String action, String subject) {
    return app.bean(JdbcClient.class)
        .sql("SELECT details FROM audit_log WHERE action = ? AND subject = ? ORDER BY seq")
        .params(action, subject)
        .query(String.class)
        .list();
  }

  static Path write(String name, byte[] bytes) throws Exception {
    return Files.write(work.resolve(name), bytes);
  }

  @Test
  void wholePathFromTheChannelApiThroughTheQrLinkAndPinToAPdfThatPdfsigAndPdfBoxAccept()
      throws Exception {
    Admin admin = admin("王管理");
    Organization org = organization("福州整链测试科技有限公司", admin);
    byte[] original = SealingSetup.onePagePdf("Whole path.");

    HttpResponse<String> created =
        createRequest(
            app, apiKey, org.creditCode(), original, Map.of("page", "1", "x", "150", "y", "80"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json(created);
    String id = answer.get("request").get("id").asString();
    String link = answer.get("link").asString();
    assertThat(answer.get("request").get("status").asString()).isEqualTo("WAITING");
    assertThat(link)
        .startsWith(app.url("/seal-app/s/"))
        .hasSize(app.url("/seal-app/s/").length() + 43);
    // the QR code holds exactly the link
    byte[] qr = Base64.getDecoder().decode(answer.get("qrPngBase64").asString());
    assertThat(QrCodes.read(qr, UploadLimits.DEFAULT.maxPixels())).contains(link);
    // the token is stored only as its hash
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT token_hash FROM signing_request WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .hasSize(64)
        .isNotEqualTo(link.substring(link.lastIndexOf('/') + 1));

    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    HttpResponse<String> page = phone.open(link);
    assertThat(page.uri().getPath()).isEqualTo("/seal-app/requests/" + id);
    assertThat(page.body()).contains("确认用章").contains(org.name()).contains("合同.pdf");
    HttpResponse<byte[]> preview = phone.getBytes("/seal-app/requests/" + id + "/preview.png");
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(Arrays.copyOf(preview.body(), 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    assertThat(phone.getBytes("/seal-app/requests/" + id + "/document.pdf").body())
        .isEqualTo(original);

    HttpResponse<String> sealed = phone.seal(id, PIN);
    assertThat(sealed.statusCode()).isEqualTo(200);
    assertThat(sealed.body()).contains("用章成功").contains(org.name());

    JsonNode status = json(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + id));
    assertThat(status.get("status").asString()).isEqualTo("SEALED");
    HttpResponse<byte[]> download =
        apiGetBytes(app, apiKey, status.get("signedDocument").asString());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
    byte[] signed = download.body();
    assertThat(Arrays.copyOf(signed, original.length))
        .as("an incremental update")
        .isEqualTo(original);

    // pdfsig (poppler, NSS trusting our root)
    Path nss = SealingSetup.nss(app, work);
    String pdfsig = SealingSetup.pdfsig(nss, write("sealed.pdf", signed));
    assertThat(pdfsig)
        .contains("Signature is Valid")
        .contains("Certificate is Trusted")
        .contains("Total document signed")
        .contains("Signature Type: ETSI.CAdES.detached")
        .contains("Signer Certificate Common Name: " + org.name());

    // our PDFBox/Bouncy Castle verifier, with the database's revocation status
    SealedPdfVerification.Report report = app.bean(SealedPdfVerification.class).verify(signed);
    assertThat(report.unchanged()).isTrue();
    SealedPdfVerification.Signature s = report.signatures().get(0);
    assertThat(s.problems()).isEmpty();
    assertThat(s.good()).isTrue();
    assertThat(s.timestamped()).as("B-T from the CA's own TSA").isTrue();
    assertThat(s.signer()).isEqualTo(org.name());
    assertThat(s.serial()).isEqualTo(org.serial().toString(16));
    assertThat(s.status()).isEqualTo(SealedPdfVerification.Status.GOOD);

    // the verification API says the same
    JsonNode verified = verifyApi(signed);
    assertThat(verified.get("signed").asBoolean()).isTrue();
    assertThat(verified.get("unchanged").asBoolean()).isTrue();
    assertThat(verified.get("signatures").get(0).get("status").asString()).isEqualTo("GOOD");

    // a byte of the document changed: both say so
    byte[] flipped = signed.clone();
    flipped[10] ^= 0x01;
    assertThat(SealingSetup.pdfsig(nss, write("flipped.pdf", flipped))).contains("Digest Mismatch");
    SealedPdfVerification.Report flippedReport =
        app.bean(SealedPdfVerification.class).verify(flipped);
    assertThat(flippedReport.unchanged()).isFalse();
    assertThat(flippedReport.signatures().get(0).changedAfterSigning()).isTrue();

    // the page changed in a later incremental update: both say so
    byte[] updated = drawOnPage(signed);
    assertThat(SealingSetup.pdfsig(nss, write("updated.pdf", updated)))
        .contains("Not total document signed");
    SealedPdfVerification.Report updatedReport =
        app.bean(SealedPdfVerification.class).verify(updated);
    assertThat(updatedReport.unchanged()).isFalse();
    assertThat(updatedReport.signatures().get(0).changedAfterSigning()).isTrue();
    assertThat(verifyApi(updated).get("unchanged").asBoolean()).isFalse();

    // the verification page
    SealAppSession visitor = new SealAppSession(app);
    visitor.get("/verify");
    String good =
        visitor
            .postMultipart(
                "/verify", new Multipart().file("file", "sealed.pdf", "application/pdf", signed))
            .body();
    assertThat(good)
        .contains("盖章后文件未被修改")
        .contains("有效（未吊销）")
        .contains(org.name())
        .contains("可信时间戳");
    visitor.get("/verify");
    String bad =
        visitor
            .postMultipart(
                "/verify", new Multipart().file("file", "updated.pdf", "application/pdf", updated))
            .body();
    assertThat(bad).contains("盖章后文件已被修改").contains("签章验证未通过");

    // the channel's webhook carries the signed PDF
    app.bean(WebhookDispatcher.class).dispatchDue();
    Map<String, Object> delivery =
        app.bean(JdbcClient.class)
            .sql(
                "SELECT status, body FROM channel_delivery WHERE event = 'document.sealed' AND order_id = ?")
            .param(org.orderId())
            .query()
            .singleRow();
    SealedMessage message = SealedMessage.fromJson((byte[]) delivery.get("body"));
    assertThat(message.requestId()).isEqualTo(id);
    assertThat(Base64.getDecoder().decode(message.document().base64())).isEqualTo(signed);
    assertThat(message.document().sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed)));
    assertThat(delivery.get("status")).isEqualTo("DELIVERED");

    assertThat(audit("DOCUMENT_SEALED", "signing-request/" + id)).hasSize(1);
    assertThat(audit("SIGNING_REQUESTED", "signing-request/" + id)).hasSize(1);
    // the administrator's personal key signed the authorization
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT authorization_signature FROM signing_request WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .single())
        .isNotEmpty();
  }

  static JsonNode verifyApi(byte[] pdf) {
    return SealingSetup.verifyApi(app, pdf);
  }

  static byte[] drawOnPage(byte[] signed) throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed)) {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
        cs.addRect(100, 100, 200, 50);
        cs.fill();
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  @Test
  void aUsedLinkIsRefused() {
    Admin admin = admin("周管理");
    Organization org = organization("福州一次性链接有限公司", admin);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    phone.open(r.get("link").asString());
    assertThat(phone.seal(id, PIN).body()).contains("用章成功");

    HttpResponse<String> again = phone.open(r.get("link").asString());
    assertThat(again.body()).contains("该二维码已被使用，不能再次用章");
    assertThat(phone.seal(id, PIN).body()).contains("该二维码已被使用");
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id)).contains("LINK_USED");
    assertThat(audit("DOCUMENT_SEALED", "signing-request/" + id)).hasSize(1);
  }

  @Test
  void anExpiredRequestIsRefused() {
    Admin admin = admin("吴管理");
    Organization org = organization("福州过期请求有限公司", admin);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    app.bean(JdbcClient.class)
        .sql("UPDATE signing_request SET expires_at = created_at WHERE id = ?")
        .param(id)
        .update();
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    HttpResponse<String> page = phone.open(r.get("link").asString());
    assertThat(page.body()).contains("该用章请求已过期");
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id))
        .containsExactly("REQUEST_EXPIRED");
    assertThat(
            json(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + id))
                .get("status")
                .asString())
        .isEqualTo("EXPIRED");
  }

  @Test
  void aRequestOfAnotherOrganizationIsRefusedAndTheLinkStaysTheRightAdministrators() {
    Admin mine = admin("郑管理");
    Admin other = admin("冯管理");
    Organization org = organization("福州甲方科技有限公司", mine);
    organization("福州乙方科技有限公司", other);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();

    SealAppSession stranger = new SealAppSession(app);
    stranger.ready(other, PIN);
    assertThat(stranger.open(r.get("link").asString()).body()).contains("该文件不是您所管理单位的用章请求");
    assertThat(stranger.get("/seal-app/requests/" + id).statusCode()).isEqualTo(302);
    assertThat(stranger.getBytes("/seal-app/requests/" + id + "/document.pdf").statusCode())
        .isEqualTo(404);
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id))
        .containsExactly("OTHER_ORGANIZATION");

    SealAppSession phone = new SealAppSession(app);
    phone.ready(mine, PIN);
    assertThat(phone.open(r.get("link").asString()).body()).contains("确认用章");
    assertThat(phone.seal(id, PIN).body()).contains("用章成功");
  }

  @Test
  void aRevokedCertificateIsRefusedEvenAfterTheLinkWasOpened() {
    Admin admin = admin("陈管理");
    Organization org = organization("福州吊销测试有限公司", admin);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    assertThat(phone.open(r.get("link").asString()).body()).contains("确认用章");

    app.bean(RevocationService.class)
        .revoke(org.caName(), org.serial(), RevocationReason.KEY_COMPROMISE, null);
    HttpResponse<String> refused =
        phone.post("/seal-app/requests/" + id + "/seal", Map.of("pin", PIN));
    assertThat(refused.body()).contains("单位证书已吊销，印章不能再使用");
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id)).contains("CERTIFICATE_REVOKED");
    assertThat(
            json(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + id))
                .get("status")
                .asString())
        .isEqualTo("WAITING");

    JsonNode next = request(org);
    assertThat(phone.open(next.get("link").asString()).body()).contains("单位证书已吊销");
  }

  /**
   * Issue 16, point 17: 吊销个人证书 from the seal app, with a reason and a confirmation; OCSP says
   * revoked at once with that reason, the PIN is gone with the certificate, and the old PIN seals
   * nothing.
   */
  @Test
  void anAdministratorRevokesTheirPersonalCertificateAndThePinGoesWithIt() throws Exception {
    Admin admin = admin("蒋管理");
    Organization org = organization("福州个人证书吊销有限公司", admin);
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    JdbcClient jdbc = app.bean(JdbcClient.class);
    Map<String, Object> personal =
        jdbc.sql(
                "SELECT personal_ca_name, personal_serial FROM seal_administrator WHERE mobile = ?")
            .param(admin.mobile())
            .query()
            .singleRow();
    String caName = (String) personal.get("personal_ca_name");
    String serial = (String) personal.get("personal_serial");
    assertThat(phone.get("/seal-app/").body()).contains("href=\"/seal-app/certificate/revoke\"");
    assertThat(phone.get("/seal-app/certificate/revoke").body()).contains("吊销原因", "密钥泄露", "确认吊销");

    // the reason without the ticked confirmation revokes nothing
    HttpResponse<String> unconfirmed =
        phone.post("/seal-app/certificate/revoke", Map.of("reason", "KEY_COMPROMISE"));
    assertThat(unconfirmed.body()).contains("请勾选确认后再吊销");
    assertThat(revocationCode(caName, serial)).isEmpty();

    HttpResponse<String> revoked =
        phone.follow(
            phone.post(
                "/seal-app/certificate/revoke",
                Map.of("reason", "KEY_COMPROMISE", "confirm", "yes")));
    assertThat(revoked.body()).contains("个人证书已吊销，用章密码已清除", "download-certificate");
    assertThat(revocationCode(caName, serial)).contains(1);
    assertThat(audit("PERSONAL_CERTIFICATE_REVOKED", caName + "/" + serial)).hasSize(1);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM seal_administrator WHERE mobile = ? AND pin_hash IS NULL"
                        + " AND personal_serial IS NULL")
                .param(admin.mobile())
                .query(Long.class)
                .single())
        .isOne();

    // OCSP, as a relying party asks it
    ExternalTool.require("openssl");
    byte[] der =
        jdbc.sql("SELECT der FROM certificate WHERE ca_name = ? AND serial = ?")
            .params(caName, serial)
            .query(byte[].class)
            .single();
    CertificateAuthority issuing = app.bean(CaRegistry.class).find(caName).orElseThrow();
    CertificateAuthority root =
        app.bean(CaRegistry.class).all().stream()
            .filter(c -> c.certificate().getSubject().equals(issuing.certificate().getIssuer()))
            .findFirst()
            .orElseThrow();
    Path leaf = PemFiles.write(work, "personal.pem", der);
    String ocsp =
        ExternalTool.run(
                "openssl",
                "ocsp",
                "-issuer",
                PemFiles.write(work, "issuing.pem", issuing.certificateDer()).toString(),
                "-cert",
                leaf.toString(),
                "-url",
                app.url("/ocsp"),
                "-CAfile",
                PemFiles.write(work, "chain.pem", root.certificateDer(), issuing.certificateDer())
                    .toString())
            .output();
    assertThat(ocsp).contains(leaf + ": revoked", "Reason: keyCompromise", "Response verify OK");

    // the old PIN seals nothing
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    phone.open(r.get("link").asString());
    assertThat(phone.seal(id, PIN).body()).doesNotContain("用章成功");
    assertThat(audit("DOCUMENT_SEALED", "signing-request/" + id)).isEmpty();
  }

  static java.util.Optional<Integer> revocationCode(String caName, String serial) {
    return app.bean(JdbcClient.class)
        .sql("SELECT reason_code FROM certificate_revocation WHERE ca_name = ? AND serial = ?")
        .params(caName, serial)
        .query(Integer.class)
        .optional();
  }

  /**
   * Issue 16, point 17: signing requests older than their retention (30 days) are deleted with
   * their PDFs, by a purge run later; a younger one stays; the channel then gets 404.
   */
  @Test
  void signingRequestsPastTheirRetentionAreDeletedWithTheirPdfs() {
    Admin admin = admin("沈管理");
    Organization org = organization("福州请求清理有限公司", admin);
    String old = request(org).get("request").get("id").asString();
    String young = request(org).get("request").get("id").asString();
    JdbcClient jdbc = app.bean(JdbcClient.class);
    Instant made =
        jdbc.sql("SELECT created_at FROM signing_request WHERE id = ?")
            .param(young)
            .query(java.time.OffsetDateTime.class)
            .single()
            .toInstant();
    // the old one was made 31 days before the young one
    jdbc.sql("UPDATE signing_request SET created_at = ? WHERE id = ?")
        .params(
            java.time.OffsetDateTime.ofInstant(made.minus(Duration.ofDays(31)), ZoneOffset.UTC),
            old)
        .update();
    assertThat(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + old).statusCode())
        .isEqualTo(200);

    // the purge a minute after the young one was made, then a second node's: each row once
    Clock later = Clock.fixed(made.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
    SigningRequestPurge purge =
        new SigningRequestPurge(
            app.bean(cn.certhall.app.persistence.SigningRequestRepository.class),
            app.bean(SealingProperties.class).requestRetention(),
            later);
    SigningRequestPurge otherNode =
        new SigningRequestPurge(
            app.bean(cn.certhall.app.persistence.SigningRequestRepository.class),
            app.bean(SealingProperties.class).requestRetention(),
            later);
    assertThat(List.of(purge.purge(), otherNode.purge())).containsExactlyInAnyOrder(1, 0);

    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM signing_request WHERE id = ?")
                .param(old)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + old).statusCode())
        .isEqualTo(404);
    assertThat(apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + young).statusCode())
        .isEqualTo(200);
    assertThat(app.bean(SigningRequestPurge.class)).isNotNull();
  }

  @Test
  void anExpiredCertificateIsRefused() {
    Admin admin = admin("褚管理");
    Organization org = SealingSetup.expired(app, "福州证书过期有限公司", creditCode(), admin);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    assertThat(phone.open(r.get("link").asString()).body()).contains("单位证书已过期，请先办理证书更新后再用章");
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id))
        .containsExactly("CERTIFICATE_EXPIRED");
  }

  @Test
  void wrongPinsCountDownAndFiveLockThePinUntilAResetThroughTheFaceCheck() {
    Admin admin = admin("卫管理");
    Organization org = organization("福州密码测试有限公司", admin);
    JsonNode r = request(org);
    String id = r.get("request").get("id").asString();
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    phone.open(r.get("link").asString());

    assertThat(phone.seal(id, "12345").body()).contains("用章密码应为6位数字");
    for (int left = 4; left >= 1; left--) {
      assertThat(phone.seal(id, "11111" + left).body()).contains("用章密码错误，还可尝试 " + left + " 次");
    }
    assertThat(phone.seal(id, "999990").body()).contains("用章密码错误次数过多，已锁定");
    // locked: the right PIN does not pass either
    assertThat(phone.seal(id, PIN).body()).contains("已锁定").doesNotContain("用章成功");
    assertThat(audit("SEALING_REFUSED", "signing-request/" + id))
        .containsExactly(
            "PIN_WRONG", "PIN_WRONG", "PIN_WRONG", "PIN_WRONG", "PIN_LOCKED", "PIN_LOCKED");
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM audit_log WHERE action = 'SEAL_PIN_LOCKED'")
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(1);
    assertThat(phone.get("/seal-app/").body()).contains("已锁定");

    // no new PIN without the identity check
    HttpResponse<String> noReset =
        phone.post("/seal-app/pin", Map.of("pin", "739201", "pinRepeat", "739201"));
    assertThat(noReset.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/seal-app/certificate"));
    // a failed face check does not unlock either
    Admin impostor =
        new Admin("假" + admin.name(), admin.idType(), admin.idNumber(), admin.mobile());
    assertThat(phone.identity(impostor.name(), admin.idNumber(), true).body())
        .contains("印章管理员信息不一致");

    SealingSetup.expectRedirect(phone.identity(admin.name(), admin.idNumber(), true));
    SealingSetup.expectRedirect(phone.setPin("739201"));
    assertThat(phone.seal(id, "739201").body()).contains("用章成功");
  }

  @Test
  void theIdentityCheckWantsTheApplicationsAdministratorAndAPassingFace() {
    Admin admin = new Admin("钱管理", IdType.PASSPORT, "E12340000", "13600136004");
    organization("福州人脸测试有限公司", admin);
    SealAppSession phone = new SealAppSession(app);
    SealingSetup.expectRedirect(phone.signIn(admin.mobile()));
    assertThat(phone.identity(admin.name(), "E99999999", false).body())
        .contains("姓名或证件号码与证书申请表上的印章管理员信息不一致");
    // the sandbox's face check fails for ID numbers ending in 0000
    assertThat(phone.identity(admin.name(), admin.idNumber(), false).body()).contains("人脸识别未通过");
    assertThat(phone.get("/seal-app/").body()).contains("请先下载个人证书");
    assertThat(
            app.bean(JdbcClient.class)
                .sql("SELECT personal_serial FROM seal_administrator WHERE mobile = ?")
                .param(admin.mobile())
                .query(String.class)
                .optional())
        .isEmpty();
  }

  @Test
  void signInRefusesWrongCodesAndDoesNotTellWhoseMobileItIs() {
    SealAppSession phone = new SealAppSession(app);
    phone.get("/seal-app/");
    String unknown =
        phone.post("/seal-app/sign-in", Map.of("mobile", "13511112222", "action", "send")).body();
    assertThat(unknown).contains("如该手机号是已签发证书的印章管理员手机号，验证码已发送");
    assertThat(
            phone
                .post(
                    "/seal-app/sign-in",
                    Map.of("mobile", "13511112222", "code", "123456", "action", "verify"))
                .body())
        .contains("验证码错误，还可尝试 4 次");
    // full-width digits from a Chinese input method are a code like any other (the one code parser)
    assertThat(
            phone
                .post(
                    "/seal-app/sign-in",
                    Map.of("mobile", "13511112222", "code", "１２３４５６", "action", "verify"))
                .body())
        .contains("验证码错误，还可尝试 3 次");
    assertThat(
            phone.post("/seal-app/sign-in", Map.of("mobile", "1351111", "action", "send")).body())
        .contains("请输入正确的中国大陆手机号码");
    // the QR link needs a signed-in administrator: it leads to the sign-in, without the token in
    // the URL
    HttpResponse<String> link = phone.get("/seal-app/s/" + "A".repeat(43));
    assertThat(link.statusCode()).isEqualTo(302);
    assertThat(link.headers().firstValue("Location").orElseThrow()).doesNotContain("AAAA");
  }

  @Test
  void signInAnswersAnAdministratorAndAStrangerAlikeAndTextsOnlyTheAdministrator() {
    Admin admin = admin("卫管理");
    organization("福州卫氏测试有限公司", admin);
    String stranger = String.format("137%08d", 10000000 + SEQ.incrementAndGet());

    List<String> administrators = signInAttempts(admin.mobile());
    List<String> strangers = signInAttempts(stranger);

    assertThat(administrators.get(2)).contains("验证码发送过于频繁");
    assertThat(administrators.get(3)).contains("验证码错误，还可尝试 4 次");
    assertThat(administrators.get(8)).contains("验证码错误次数过多");
    assertThat(anonymized(strangers, stranger))
        .isEqualTo(anonymized(administrators, admin.mobile()));
    assertThat(app.bean(SandboxMessageRepository.class).newest(admin.mobile(), 5)).hasSize(1);
    assertThat(app.bean(SandboxMessageRepository.class).newest(stranger, 5)).isEmpty();
  }

  /** The sign-in page, 获取验证码 twice, then six wrong codes: each answer's status and page. */
  static List<String> signInAttempts(String mobile) {
    SealAppSession phone = new SealAppSession(app);
    List<String> answers = new ArrayList<>();
    HttpResponse<String> page = phone.get("/seal-app/");
    answers.add(page.statusCode() + " " + page.body());
    for (int i = 0; i < 2; i++) {
      page = phone.post("/seal-app/sign-in", Map.of("mobile", mobile, "action", "send"));
      answers.add(page.statusCode() + " " + page.body());
    }
    for (int i = 0; i < 6; i++) {
      page =
          phone.post(
              "/seal-app/sign-in", Map.of("mobile", mobile, "code", "000000", "action", "verify"));
      answers.add(page.statusCode() + " " + page.body());
    }
    return answers;
  }

  /**
   * The pages without what differs by design: the CSRF token, the mobile typed and the seconds
   * left.
   */
  static List<String> anonymized(List<String> pages, String mobile) {
    String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
    return pages.stream()
        .map(
            page ->
                page.replaceAll(
                        "name=\"_csrf\"\\s+value=\"[^\"]+\"", "name=\"_csrf\" value=\"TOKEN\"")
                    .replace(mobile, "MOBILE")
                    .replace(masked, "MASKED")
                    .replaceAll("\\d+ 秒", "N 秒"))
        .toList();
  }

  @Test
  void theChannelApiRefusesBadInputWithAMessage() {
    Admin admin = admin("蒋管理");
    Organization org = organization("福州接口测试有限公司", admin);
    byte[] pdf = SealingSetup.onePagePdf("API");
    Map<String, String> position = Map.of("page", "1", "x", "150", "y", "80");

    HttpResponse<String> noKey =
        SealingSetup.send(
            HttpRequest.newBuilder(
                    URI.create(app.url("/api/channel/v1/signing-requests/SR00000000000000000000")))
                .GET(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noKey.statusCode()).isEqualTo(401);

    assertError(
        createRequest(app, apiKey, org.creditCode(), null, position), 400, "请上传需要盖章的 PDF 文件");
    assertError(createRequest(app, apiKey, "12345", pdf, position), 400, "统一社会信用代码应为 18 位");
    assertError(
        createRequest(app, apiKey, creditCode(), pdf, position), 400, "本渠道没有该统一社会信用代码的单位证书");
    assertError(
        createRequest(app, apiKey, org.creditCode(), "not a pdf at all".getBytes(), position),
        400,
        "文件不是可读取的 PDF");
    assertError(
        createRequest(
            app, apiKey, org.creditCode(), pdf, Map.of("page", "3", "x", "150", "y", "80")),
        400,
        "页码超出了文件的页数");
    assertError(
        createRequest(app, apiKey, org.creditCode(), pdf, Map.of("page", "1", "x", "1", "y", "1")),
        400,
        "印章位置超出了页面范围");
    assertError(
        createRequest(app, apiKey, org.creditCode(), pdf, Map.of("anchor", "no such words")),
        400,
        "找不到指定的定位文字");
    assertError(
        createRequest(
            app, apiKey, org.creditCode(), pdf, Map.of("anchor", "Seal here", "page", "1")),
        400,
        "二者选一");
    assertError(createRequest(app, apiKey, org.creditCode(), pdf, Map.of()), 400, "请指定印章位置");

    HttpResponse<String> anchored =
        createRequest(
            app, apiKey, org.creditCode(), pdf, Map.of("anchor", "Seal here", "widthMm", "40"));
    assertThat(anchored.statusCode()).as(anchored.body()).isEqualTo(201);
    String id = json(anchored).get("request").get("id").asString();
    assertError(
        apiGet(app, apiKey, "/api/channel/v1/signing-requests/" + id + "/signed.pdf"), 409, "尚未盖章");
    assertError(
        apiGet(app, apiKey, "/api/channel/v1/signing-requests/SR00000000000000000000"),
        404,
        "本渠道没有该用章请求");
    String docs =
        SealingSetup.send(
                HttpRequest.newBuilder(URI.create(app.url("/v3/api-docs"))).GET(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(docs)
        .contains("/api/channel/v1/signing-requests")
        .contains("/api/channel/v1/signing-requests/{id}/signed.pdf");
  }

  @Test
  void theVerificationSaysWhatIsNotAPdfUnsignedOrTooLarge() {
    assertError(verifyRaw("not a pdf".getBytes()), 400, "文件不是可读取的 PDF");
    assertError(verifyRaw(new byte[11 * 1024 * 1024]), 413, "PDF 文件不能超过 10 MB");
    JsonNode unsigned = verifyApi(SealingSetup.onePagePdf("Unsigned."));
    assertThat(unsigned.get("signed").asBoolean()).isFalse();
    assertThat(unsigned.get("unchanged").asBoolean()).isFalse();

    SealAppSession visitor = new SealAppSession(app);
    visitor.get("/verify");
    assertThat(visitor.postMultipart("/verify", new Multipart()).body())
        .contains("请选择需要验证的 PDF 文件");
    visitor.get("/verify");
    assertThat(
            visitor
                .postMultipart(
                    "/verify",
                    new Multipart()
                        .file("file", "u.pdf", "application/pdf", SealingSetup.onePagePdf("U")))
                .body())
        .contains("该文件没有电子签章");
  }

  static HttpResponse<String> verifyRaw(byte[] bytes) {
    Multipart body = new Multipart().file("file", "x.pdf", "application/pdf", bytes);
    return SealingSetup.send(
        HttpRequest.newBuilder(URI.create(app.url("/api/verify")))
            .header("Content-Type", body.contentType())
            .POST(body.publisher()),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).get("message").asString()).contains(message);
  }
}
