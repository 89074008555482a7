package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.documents.seal.RoundSealSpec;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.pki.issuance.CertificateRef;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The optional new 印章采集表 of 证书更新 and 信息变更 over HTTP, on H2 and PostgreSQL: hostile files are
 * refused on the confirmation with their message and nothing is stored; a renewal without a new
 * form keeps the organization's seal (the channel's seal.png is the old picture, byte for byte,
 * though it was made from a collection form and not drawn); a change of name suggests a new form.
 */
class LifecycleSealFormTest {
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void hostile_files_are_refused_and_without_a_new_form_the_renewed_certificate_keeps_its_seal(
      Kind kind) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA"))) {
      String org = LifecycleFixtures.creditCode("91350100MA00F0010");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      // the organization's seal was made from its impression, which the drawn seal is not
      byte[] oldForm =
          LifecycleFixtures.sealForm(
              new RoundSealSpec("福州测试科技有限公司", RoundSealSpec.Diameter.MM_42, "合同专用章", null));
      CertificateRef old =
          LifecycleFixtures.issuedNewUnitWithSeal(app, org, now.plus(Duration.ofDays(60)), oldForm);
      byte[] oldSeal = sealOf(app, old).png();

      PortalHttp s = LifecyclePortalTest.enter(app, "renewal", org);
      String form = s.get("/renewal/form?ca=" + old.caName() + "&serial=" + old.serialHex()).body();
      HttpResponse<String> next =
          s.post(
              "/renewal/form",
              LifecyclePortalTest.with(
                  LifecyclePortalTest.formOf(form, old),
                  "handlerMethod",
                  "MOBILE",
                  "agree",
                  "yes"));
      assertThat(next.statusCode()).as(LifecyclePortalTest.errorsOf(next.body())).isEqualTo(302);
      String orderId = LifecyclePortalTest.orderOf(next);
      String confirm = s.get("/lifecycle/" + orderId + "/confirm").body();
      assertThat(confirm)
          .contains(
              "上传新的印章采集表（可选）",
              "未上传：新证书沿用原电子印章",
              "for=\"file-SEAL_COLLECTION_FORM\"",
              "/apply/" + orderId + "/templates/seal-collection-form.pdf");
      HttpResponse<byte[]> template =
          s.download("/apply/" + orderId + "/templates/seal-collection-form.pdf");
      assertThat(template.statusCode()).isEqualTo(200);
      assertThat(new String(template.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("%PDF-");

      // hostile files: their message beside the field, nothing stored
      String upload = "/lifecycle/" + orderId + "/seal-form";
      HttpResponse<String> program = s.upload(upload, "form.jpg", UploadSamples.windowsProgram());
      assertThat(program.statusCode()).isEqualTo(400);
      assertThat(LifecyclePortalTest.errorsOf(program.body()))
          .contains("该文件是程序文件，不是图片或 PDF。请上传 JPG、PNG 或 PDF 文件");
      HttpResponse<String> bomb =
          s.upload(upload, "form.png", UploadSamples.pngBomb(100_000, 100_000));
      assertThat(bomb.statusCode()).isEqualTo(400);
      assertThat(LifecyclePortalTest.errorsOf(bomb.body())).contains("图片分辨率过高");
      assertThat(app.bean(MaterialService.class).history(orderId)).isEmpty();
      // another session cannot upload to the order
      PortalHttp stranger = new PortalHttp(app);
      stranger.get("/renewal?channelId=demo");
      assertThat(stranger.upload(upload, "form.png", oldForm).statusCode()).isEqualTo(404);
      assertThat(app.bean(MaterialService.class).history(orderId)).isEmpty();

      // no new form: confirmed, paid, approved
      s.post("/lifecycle/" + orderId + "/confirm", Map.of());
      s.get("/apply/" + orderId + "/pay");
      s.post("/apply/" + orderId + "/pay", PortalHttp.CASHIER);
      // past the confirmation the form is no longer taken
      assertThat(PortalHttp.location(s.upload(upload, "form.png", oldForm)))
          .isEqualTo("/apply/" + orderId + "/waiting");
      assertThat(app.bean(MaterialService.class).history(orderId)).isEmpty();
      ReviewService review = app.bean(ReviewService.class);
      review.claim(orderId, "reviewer");
      assertThat(review.approve(orderId, "reviewer").issuanceProblem()).isNull();
      assertThat(app.bean(OrderService.class).find(orderId).orElseThrow().status())
          .isEqualTo(OrderStatus.ISSUED);

      String renewed =
          JdbcClient.create(app.bean(javax.sql.DataSource.class))
              .sql("SELECT serial FROM order_certificate WHERE order_id = ?")
              .param(orderId)
              .query(String.class)
              .single();
      assertThat(renewed).isNotEqualTo(old.serialHex());
      HttpResponse<byte[]> channelSeal = channelSealPng(app, renewed);
      assertThat(channelSeal.statusCode()).isEqualTo(200);
      assertThat(channelSeal.body()).as("the old seal's picture").isEqualTo(oldSeal);

      // a change of name suggests a new form: the old impression shows the old name
      String org2 = LifecycleFixtures.creditCode("91350100MA00F0020");
      CertificateRef named =
          LifecycleFixtures.issuedNewUnitWithSeal(
              app, org2, now.plus(Duration.ofDays(200)), oldForm);
      PortalHttp c = LifecyclePortalTest.enter(app, "change", org2);
      String changeForm =
          c.get("/change/form?ca=" + named.caName() + "&serial=" + named.serialHex()).body();
      HttpResponse<String> changed =
          c.post(
              "/change/form",
              LifecyclePortalTest.formOf(
                  changeForm,
                  named,
                  "organizationName",
                  "福州新名称科技有限公司",
                  "adminMethod",
                  "MOBILE",
                  "agree",
                  "yes"));
      assertThat(changed.statusCode())
          .as(LifecyclePortalTest.errorsOf(changed.body()))
          .isEqualTo(302);
      String changeConfirm =
          c.get("/lifecycle/" + LifecyclePortalTest.orderOf(changed) + "/confirm").body();
      assertThat(changeConfirm)
          .contains("id=\"seal-form-suggested\"", "单位名称已变更", "建议上传盖有新名称印章的印章采集表");
    }
  }

  static SealService.Seal sealOf(RunningApp app, CertificateRef c) {
    return app.bean(SealService.class)
        .forCertificate(c.caName(), new BigInteger(c.serialHex(), 16))
        .orElseThrow();
  }

  /** The channel's pull API: the certificate's seal picture, as the demo channel fetches it. */
  static HttpResponse<byte[]> channelSealPng(RunningApp app, String serialHex) throws Exception {
    String key =
        Files.readString(
                app.bean(cn.certhall.app.CerthallProperties.class)
                    .dataDir()
                    .resolve("channel-demo-api-key"))
            .strip();
    return http.send(
        HttpRequest.newBuilder(
                URI.create(app.url("/api/channel/v1/certificates/" + serialHex + "/seal.png")))
            .header("X-Api-Key", key)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
