package cn.certhall.app.sealing;

import static cn.certhall.app.sealing.SealingSetup.apiGetBytes;
import static cn.certhall.app.sealing.SealingSetup.createRequest;
import static cn.certhall.app.sealing.SealingSetup.json;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.Pdfsig;
import cn.certhall.app.RunningApp;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.sealing.SealingSetup.SealAppSession;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.identity.IdType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 用章出证报告: a channel's request sealed through the seal app (sign-in, face check, the link, a wrong
 * PIN, the right PIN), then the report downloaded by the channel through its API and by a CA
 * administrator in the console: signed (pdfsig), listing the document's, the sealed document's and
 * the certificate's SHA-256 as downloaded, the certificate valid at sealing, the administrator's
 * steps, each audit entry with its hash; every download audited.
 */
class SealedDocumentEvidenceTest {
  private static final String PIN = "204816";

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

  @Test
  void the_channel_and_an_administrator_get_the_report_of_a_sealed_document_and_it_checks_out()
      throws Exception {
    Admin admin = new Admin("赵管理", IdType.PASSPORT, "E30000071", "13930000071");
    Organization org =
        SealingSetup.issued(app, "福州出证测试科技有限公司", CloudSealingTest.creditCode(), admin);
    byte[] original = SealingSetup.onePagePdf("Evidence of sealing.");
    HttpResponse<String> created =
        createRequest(
            app, apiKey, org.creditCode(), original, Map.of("page", "1", "x", "150", "y", "80"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json(created);
    String id = answer.get("request").get("id").asString();

    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);
    phone.open(answer.get("link").asString());
    assertThat(phone.seal(id, "111111").body()).contains("用章密码错误");
    assertThat(phone.seal(id, PIN).body()).contains("用章成功");
    byte[] sealed =
        apiGetBytes(app, apiKey, "/api/channel/v1/signing-requests/" + id + "/signed.pdf").body();

    // the channel's download
    HttpResponse<byte[]> report =
        apiGetBytes(app, apiKey, "/api/channel/v1/signing-requests/" + id + "/evidence.pdf");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/pdf");
    Path file = Files.write(work.resolve(id + "-evidence.pdf"), report.body());
    Files.write(
        Files.createDirectories(Path.of("target", "screenshots", "SealedDocumentEvidenceTest"))
            .resolve("evidence.pdf"),
        report.body());
    assertThat(Pdfsig.check(Pdfsig.nss(app, work), file))
        .contains("Signature is Valid")
        .contains("Certificate is Trusted")
        .contains("Total document signed")
        .contains("Signer Certificate Common Name: certhall ecdsa-issuing 出证");
    JsonNode verified = SealingSetup.verifyApi(app, report.body());
    assertThat(verified.get("signatures").get(0).get("timestamped").asBoolean()).isTrue();
    assertThat(verified.get("signatures").get(0).get("valid").asBoolean()).isTrue();

    String text = text(report.body());
    String masked = "139****0071";
    assertThat(text)
        .contains("出证报告（用章）", id, org.name(), org.creditCode(), "合同.pdf", "第 1 页")
        .contains("以短信验证码登录签章 App", "人脸核验", "管理员 " + masked + " 扫码打开用章链接")
        .contains("渠道 demo：提交用章请求：合同.pdf", "盖章被拒绝", "输入用章密码确认")
        .containsPattern("盖章时状态：\\s*有效")
        .doesNotContain(admin.mobile());
    // the document as sent, the sealed document as downloaded, and the certificate, by their
    // SHA-256
    assertThat(text).contains("SHA-256: " + sha256(original), "SHA-256: " + sha256(sealed));
    byte[] certificate =
        app.bean(JdbcClient.class)
            .sql("SELECT der FROM certificate WHERE ca_name = ? AND serial = ?")
            .params(org.caName(), org.serial().toString(16))
            .query((rs, n) -> rs.getBytes(1))
            .single();
    assertThat(text).contains("SHA-256: " + sha256(certificate));
    // every audit entry about the request is listed with its hash, and its hash is right
    List<AuditEntry> entries =
        new ArrayList<>(app.bean(JdbcAuditLog.class).about("signing-request/" + id));
    List<AuditEntry> before =
        entries.stream()
            .filter(e -> !e.action().equals(AuditAction.EVIDENCE_REPORT_DOWNLOADED.name()))
            .toList();
    assertThat(before).isNotEmpty().allMatch(e -> e.recomputedHash().equals(e.hash()));
    for (AuditEntry e : before) {
      assertThat(text).contains("本条哈希: " + e.hash());
    }

    // a CA administrator in the console, by the request's number; another channel gets a 404
    PortalHttp console = new PortalHttp(app);
    console.get("/console/login");
    console.post("/console/login", Map.of("username", "admin", "password", "certhall-demo-admin"));
    assertThat(console.get("/console/admin/evidence").body()).contains("出证报告", "用章请求编号");
    HttpResponse<byte[]> byAdmin =
        console.download("/console/admin/evidence/signing-request?requestId=" + id);
    assertThat(byAdmin.statusCode()).isEqualTo(200);
    assertThat(text(byAdmin.body())).contains(id, "输入用章密码确认");
    HttpResponse<String> unknown =
        console.get("/console/admin/evidence/signing-request?requestId=SR00000000000000000000");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("没有编号为 SR00000000000000000000 的订单或用章请求");
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at) VALUES ('other', '另一云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    String otherKey = SealingSetup.apiKey(app, "other");
    assertThat(
            apiGetBytes(app, otherKey, "/api/channel/v1/signing-requests/" + id + "/evidence.pdf")
                .statusCode())
        .isEqualTo(404);

    List<AuditEntry> downloads =
        app.bean(JdbcAuditLog.class).about("signing-request/" + id).stream()
            .filter(e -> e.action().equals(AuditAction.EVIDENCE_REPORT_DOWNLOADED.name()))
            .toList();
    assertThat(downloads).hasSize(2);
    assertThat(downloads.get(0).actor()).isEqualTo("channel:demo");
    assertThat(downloads.get(0).details()).contains(sha256(report.body()));
    assertThat(downloads.get(1).actor()).isEqualTo("operator:admin");
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
