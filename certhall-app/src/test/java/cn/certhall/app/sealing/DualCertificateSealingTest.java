package cn.certhall.app.sealing;

import static cn.certhall.app.sealing.SealingSetup.createRequest;
import static cn.certhall.app.sealing.SealingSetup.json;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.sealing.SealingSetup.SealAppSession;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Dual certificates (双证书, issue 18) in the seal app: an organization holding an SM2 and an ECDSA
 * certificate has the same contract sealed through the channel's signing API and the seal app once
 * with each; pdfsig (poppler, which cannot check SM2) finds the ECDSA one valid and trusted, and
 * {@code /api/verify} accepts both. A request names its algorithm; an unknown one, or one the
 * organization holds no certificate of, is refused with a message.
 */
class DualCertificateSealingTest {
  static final String PIN = "318274";

  @TempDir static Path dataDir;
  @TempDir static Path work;
  static RunningApp app;
  static String apiKey;

  @BeforeAll
  static void start() {
    // SM2 first (the default hierarchies: SM2, ECDSA, RSA), ECDSA as the second certificate
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of(
                "certhall.sandbox.enabled", "true",
                "certhall.review.second-issuing-ca", "ecdsa-issuing"));
    apiKey = SealingSetup.apiKey(app, "demo");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theSameContractSealedWithEachCertificate() throws Exception {
    Admin admin = new Admin("王双证", IdType.PASSPORT, "E20000001", "13920000001");
    Organization org =
        SealingSetup.issued(app, "福州双证书测试科技有限公司", CloudSealingTest.creditCode(), admin);
    CertificateRef ecdsa =
        app.bean(OrderCertificates.class).findSecond(org.orderId()).orElseThrow();
    assertThat(org.caName()).isEqualTo("sm2-issuing");
    assertThat(ecdsa.caName()).isEqualTo("ecdsa-issuing");
    byte[] contract = SealingSetup.onePagePdf("One contract, two algorithms.");
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, PIN);

    Map<String, byte[]> sealed = new HashMap<>();
    for (String algorithm : new String[] {"SM2", "ECDSA"}) {
      HttpResponse<String> created =
          createRequest(
              app,
              apiKey,
              org.creditCode(),
              contract,
              Map.of("page", "1", "x", "150", "y", "80", "algorithm", algorithm));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode answer = json(created);
      String id = answer.get("request").get("id").asString();
      phone.open(answer.get("link").asString());
      HttpResponse<String> done = phone.seal(id, PIN);
      assertThat(done.body()).as(algorithm).contains("用章成功");
      sealed.put(
          algorithm,
          SealingSetup.apiGetBytes(
                  app, apiKey, "/api/channel/v1/signing-requests/" + id + "/signed.pdf")
              .body());
    }

    // the ECDSA one as a relying party without SM2 checks it
    Path nss = SealingSetup.nss(app, work);
    String pdfsig =
        SealingSetup.pdfsig(nss, Files.write(work.resolve("ecdsa.pdf"), sealed.get("ECDSA")));
    assertThat(pdfsig)
        .contains("Signature is Valid")
        .contains("Certificate is Trusted")
        .contains("Total document signed")
        .contains("Signer Certificate Common Name: " + org.name());

    // certhall's own verification accepts both, each signed by its certificate
    JsonNode sm2Report = verify(sealed.get("SM2"));
    JsonNode ecdsaReport = verify(sealed.get("ECDSA"));
    for (JsonNode report : new JsonNode[] {sm2Report, ecdsaReport}) {
      assertThat(report.get("signed").asBoolean()).isTrue();
      assertThat(report.get("unchanged").asBoolean()).isTrue();
      assertThat(report.get("signatures").get(0).get("status").asString()).isEqualTo("GOOD");
      assertThat(report.get("signatures").get(0).get("valid").asBoolean()).isTrue();
      assertThat(report.get("signatures").get(0).get("trusted").asBoolean()).isTrue();
    }
    assertThat(sm2Report.get("signatures").get(0).get("serial").asString())
        .isEqualTo(org.serial().toString(16));
    assertThat(ecdsaReport.get("signatures").get(0).get("serial").asString())
        .isEqualTo(ecdsa.serialHex());
  }

  @Test
  void anUnknownAlgorithmOrOneTheOrganizationDoesNotHoldIsRefusedWithAMessage() {
    Organization both =
        SealingSetup.issued(
            app,
            "福州双证书二测试科技有限公司",
            CloudSealingTest.creditCode(),
            new Admin("李双证", IdType.PASSPORT, "E20000002", "13920000002"));
    HttpResponse<String> unknown = request(both.creditCode(), "SHA1withRSA");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("error").asString()).isEqualTo("unknown_algorithm");
    assertThat(json(unknown).get("message").asString()).contains("SM2 或 ECDSA");
    assertThat(request(both.creditCode(), "ecdsa").statusCode()).isEqualTo(201);
    assertThat(request(both.creditCode(), null).statusCode()).isEqualTo(201);

    // an organization issued before the CA issued two: its SM2 certificate only
    String single = CloudSealingTest.creditCode();
    singleCertificate(single);
    HttpResponse<String> ecdsa = request(single, "ECDSA");
    assertThat(ecdsa.statusCode()).as(ecdsa.body()).isEqualTo(400);
    assertThat(json(ecdsa).get("error").asString()).isEqualTo("no_certificate_of_algorithm");
    assertThat(json(ecdsa).get("message").asString()).contains("该单位没有 ECDSA 算法的证书");
    assertThat(request(single, "SM2").statusCode()).isEqualTo(201);
  }

  static HttpResponse<String> request(String creditCode, String algorithm) {
    Map<String, String> fields = new HashMap<>(Map.of("page", "1", "x", "150", "y", "80"));
    if (algorithm != null) {
      fields.put("algorithm", algorithm);
    }
    return createRequest(app, apiKey, creditCode, SealingSetup.onePagePdf("x"), fields);
  }

  /**
   * A new-unit order of the demo channel issued with one (SM2) certificate, linked as issuance
   * would.
   */
  static void singleCertificate(String creditCode) {
    OrderService orders = app.bean(OrderService.class);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            SealingSetup.application(
                "福州单证书测试科技有限公司",
                creditCode,
                new Admin("赵单证", IdType.PASSPORT, "E20000003", "13920000003")));
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    HostedCertificateIssuer issuer = app.bean(HostedCertificateIssuer.class);
    String alias = IssuanceService.hostedKeyAlias(order.id());
    issuer.ensureHostedKey(alias);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    new TransactionTemplate(app.bean(PlatformTransactionManager.class))
        .executeWithoutResult(
            tx -> {
              orders.move(order.id(), OrderStatus.APPROVED, HistoryNote.text("test set-up"));
              CertificateRef ref =
                  issuer.issueOrganizationCertificate(
                      alias,
                      "福州单证书测试科技有限公司",
                      creditCode,
                      new Validity(now, now.plus(Duration.ofDays(365))));
              app.bean(OrderCertificates.class).link(order.id(), ref);
              orders.move(order.id(), OrderStatus.ISSUED, HistoryNote.text("test set-up"));
            });
  }

  static JsonNode verify(byte[] pdf) {
    SealingSetup.Multipart body =
        new SealingSetup.Multipart().file("file", "x.pdf", "application/pdf", pdf);
    HttpResponse<String> r =
        SealingSetup.send(
            HttpRequest.newBuilder(URI.create(app.url("/api/verify")))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return SealingSetup.JSON.readTree(r.body());
  }
}
