package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.IdentityCheck;
import cn.certhall.domain.lifecycle.IdentityProof;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dual certificates (双证书, issue 18) from application to revocation, on H2 and PostgreSQL, with
 * {@code certhall.review.second-issuing-ca: ecdsa-issuing}: the approval issues an SM2 and an ECDSA
 * certificate, each with its key, seal and channel message; an information change replaces both and
 * revokes both old ones as superseded; a revocation revokes both, in each CA's CRL and in each CA's
 * OCSP answers.
 */
class DualCertificateFlowTest {
  static final String REVIEWER = "reviewer";
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bothCertificatesFromApplicationToRevocation(Kind kind) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of(
                "certhall.review.second-issuing-ca",
                "ecdsa-issuing",
                "certhall.sandbox.enabled",
                "true"))) {
      OrderService orders = app.bean(OrderService.class);
      OrderCertificates links = app.bean(OrderCertificates.class);
      LifecycleService lifecycle = app.bean(LifecycleService.class);
      JdbcClient jdbc = JdbcClient.create(app.bean(javax.sql.DataSource.class));
      String key =
          Files.readString(
                  app.bean(CerthallProperties.class).dataDir().resolve("channel-demo-api-key"))
              .strip();

      // 新办: approval issues both, same organization and validity, two keys, two seals, two messages
      UnitApplication application = OrderApplications.transfer(OrderApplications.CREDIT_CODE);
      Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", application);
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
      CertificateRef sm2 =
          approve(app, orders.find(order.id()).orElseThrow()).certificate().orElseThrow();
      CertificateRef ecdsa = links.findSecond(order.id()).orElseThrow();
      assertThat(sm2.caName()).isEqualTo("sm2-issuing");
      assertThat(ecdsa.caName()).isEqualTo("ecdsa-issuing");
      assertThat(ecdsa.notBefore()).isEqualTo(sm2.notBefore());
      assertThat(ecdsa.notAfter()).isEqualTo(sm2.notAfter());
      assertThat(links.all(order.id())).containsExactly(sm2, ecdsa);
      SigningKeyStore keys = app.bean(SigningKeyStore.class);
      assertThat(keys.contains(IssuanceService.hostedKeyAlias(order.id()))).isTrue();
      assertThat(keys.contains(IssuanceService.secondKeyAlias(order.id()))).isTrue();
      assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.ISSUED);
      for (CertificateRef c : List.of(sm2, ecdsa)) {
        assertThat(
                count(
                    jdbc,
                    "SELECT COUNT(*) FROM seal WHERE ca_name = ? AND certificate_serial = ?",
                    c.caName(),
                    c.serialHex()))
            .isOne();
        assertThat(lastEvent(jdbc, c)).isEqualTo("certificate.issued");
        assertThat(
                count(
                    jdbc,
                    "SELECT COUNT(*) FROM channel_delivery WHERE serial = ? AND event = ?",
                    c.serialHex(),
                    "certificate.issued"))
            .isOne();
      }
      assertThat(pulled(app, key, sm2)).contains("\"algorithm\":\"SM2\"");
      assertThat(pulled(app, key, ecdsa)).contains("\"algorithm\":\"ECDSA\"");
      // 我的订单 shows both, each with its downloads
      PortalHttp handler = new PortalHttp(app);
      handler.proveUnit(OrderApplications.CREDIT_CODE, application.handler().mobile());
      String details = handler.get("/orders/" + order.id()).body();
      assertThat(details)
          .contains(
              "id=\"second-certificate\"",
              "第二张证书（ECDSA，双证书）",
              sm2.serialHex().toUpperCase(Locale.ROOT),
              ecdsa.serialHex().toUpperCase(Locale.ROOT));
      assertThat(serialOf(handler.download("/orders/" + order.id() + "/certificate.pem")))
          .isEqualTo(sm2.serialHex());
      assertThat(serialOf(handler.download("/orders/" + order.id() + "/second/certificate.pem")))
          .isEqualTo(ecdsa.serialHex());
      HttpResponse<byte[]> secondChain =
          handler.download("/orders/" + order.id() + "/second/chain.p7b");
      assertThat(secondChain.statusCode()).isEqualTo(200);
      assertThat(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(secondChain.body())))
          .hasSize(3);
      assertThat(
              new PortalHttp(app)
                  .download("/orders/" + order.id() + "/second/certificate.cer")
                  .statusCode())
          .isEqualTo(404);
      // the evidence report (出证报告) shows both certificates, each with the SHA-256 of its DER
      HttpResponse<byte[]> evidence = handler.download("/orders/" + order.id() + "/evidence.pdf");
      assertThat(evidence.statusCode()).isEqualTo(200);
      String report;
      try (org.apache.pdfbox.pdmodel.PDDocument pdf =
          org.apache.pdfbox.Loader.loadPDF(evidence.body())) {
        report = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
      }
      assertThat(report)
          .contains(sm2.serialHex(), ecdsa.serialHex(), "sm2-issuing", "ecdsa-issuing");
      // the console's order page names both
      PortalHttp reviewer = new PortalHttp(app);
      reviewer.get("/console/login");
      reviewer.post(
          "/console/login", java.util.Map.of("username", "reviewer", "password", "certhall-demo"));
      assertThat(reviewer.get("/console/orders/" + order.id()).body())
          .contains(sm2.serialHex(), "第二张证书（双证书）：ecdsa-issuing / " + ecdsa.serialHex());
      for (CertificateRef c : List.of(sm2, ecdsa)) {
        byte[] der =
            jdbc.sql("SELECT der FROM certificate WHERE ca_name = ? AND serial = ?")
                .params(c.caName(), c.serialHex())
                .query((rs, n) -> rs.getBytes(1))
                .single();
        assertThat(report)
            .contains(
                "SHA-256: "
                    + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der)));
      }

      // the entry's list holds the organization's certificate once: the second one goes with it
      IdentityProof proof =
          new IdentityProof(
              OrderApplications.CREDIT_CODE,
              IdentityCheck.Method.HANDLER,
              Instant.now().plus(Duration.ofHours(1)));
      assertThat(lifecycle.certificates(proof)).hasSize(1);

      // 信息变更: both replaced, both old ones revoked as superseded
      UnitApplication renamed =
          new UnitApplication(
              "福州更名科技有限公司",
              application.creditCode(),
              application.legalRepresentative(),
              application.handler(),
              application.administrator(),
              application.enterpriseVerification(),
              application.administratorVerification());
      Order change =
          lifecycle.start(
              BusinessType.INFORMATION_CHANGE,
              proof,
              "demo",
              sm2.caName(),
              sm2.serialHex(),
              renamed);
      for (OrderStatus s :
          List.of(OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.WAITING_FOR_REVIEW)) {
        orders.move(change.id(), s, HistoryNote.text("test set-up"));
      }
      CertificateRef changedSm2 =
          approve(app, orders.find(change.id()).orElseThrow()).certificate().orElseThrow();
      CertificateRef changedEcdsa = links.findSecond(change.id()).orElseThrow();
      assertThat(changedEcdsa.caName()).isEqualTo("ecdsa-issuing");
      assertThat(changedEcdsa.notAfter()).isEqualTo(ecdsa.notAfter());
      assertThat(reasonCode(jdbc, sm2)).isEqualTo(4);
      assertThat(reasonCode(jdbc, ecdsa)).isEqualTo(4);
      for (CertificateRef c : List.of(changedSm2, changedEcdsa)) {
        assertThat(lastEvent(jdbc, c)).isEqualTo("certificate.changed");
        assertThat(
                jdbc.sql(
                        "SELECT organization_name FROM seal WHERE ca_name = ? AND certificate_serial = ?")
                    .params(c.caName(), c.serialHex())
                    .query(String.class)
                    .single())
            .isEqualTo("福州更名科技有限公司");
      }
      assertThat(lastEvent(jdbc, ecdsa)).isEqualTo("certificate.revoked");

      // 证书吊销: both revoked with the chosen reason, in both CRLs and both OCSP responders
      Order revocation =
          lifecycle.startRevocation(
              proof,
              "demo",
              changedSm2.caName(),
              changedSm2.serialHex(),
              RevocationChoice.NO_LONGER_NEEDED,
              application.enterpriseVerification());
      orders.move(revocation.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
      lifecycle.proveHolder(revocation.id());
      for (OrderStatus s :
          List.of(
              OrderStatus.MATERIALS_UPLOADED,
              OrderStatus.APPLICATION_SIGNED,
              OrderStatus.WAITING_FOR_REVIEW)) {
        orders.move(revocation.id(), s, HistoryNote.text("test set-up"));
      }
      approve(app, orders.find(revocation.id()).orElseThrow());
      assertThat(orders.find(revocation.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.REVOKED);
      CaRegistry cas = app.bean(CaRegistry.class);
      for (CertificateRef c : List.of(changedSm2, changedEcdsa)) {
        assertThat(reasonCode(jdbc, c)).isEqualTo(5);
        assertThat(lastEvent(jdbc, c)).isEqualTo("certificate.revoked");
        assertThat(crlLists(app, c)).as("CRL of %s lists %s", c.caName(), c.serialHex()).isTrue();
        assertThat(ocspStatus(app, cas.find(c.caName()).orElseThrow(), c)).isEqualTo("revoked");
      }

      String revokedDetails = handler.get("/orders/" + change.id()).body();
      assertThat(revokedDetails.split("id=\"second-certificate-state\"")[1].split("</dd>")[0])
          .contains("已吊销", "停止使用");

      // and the ECDSA one as stock OpenSSL checks it
      CertificateAuthority issuing = cas.find("ecdsa-issuing").orElseThrow();
      CertificateAuthority root = cas.find("ecdsa-root").orElseThrow();
      Path chain =
          PemFiles.write(work, "chain.pem", root.certificateDer(), issuing.certificateDer());
      Path issuingPem = PemFiles.write(work, "issuing.pem", issuing.certificateDer());
      Path leaf =
          PemFiles.write(
              work,
              "leaf.pem",
              jdbc.sql("SELECT der FROM certificate WHERE ca_name = ? AND serial = ?")
                  .params(changedEcdsa.caName(), changedEcdsa.serialHex())
                  .query(byte[].class)
                  .single());
      ExternalTool.require("openssl");
      String ocsp =
          ExternalTool.run(
                  "openssl",
                  "ocsp",
                  "-issuer",
                  issuingPem.toString(),
                  "-cert",
                  leaf.toString(),
                  "-url",
                  app.url("/ocsp"),
                  "-CAfile",
                  chain.toString())
              .output();
      assertThat(ocsp)
          .contains(leaf + ": revoked")
          .contains("Reason: cessationOfOperation")
          .contains("Response verify OK");
    }
  }

  private static ReviewService.Approval approve(RunningApp app, Order order) {
    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), REVIEWER);
    ReviewService.Approval approval = review.approve(order.id(), REVIEWER);
    assertThat(approval.issuanceProblem()).isNull();
    return approval;
  }

  private static String pulled(RunningApp app, String key, CertificateRef c) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(app.url("/api/channel/v1/certificates/" + c.serialHex())))
                .header("X-Api-Key", key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String serialOf(HttpResponse<byte[]> pem) throws Exception {
    assertThat(pem.statusCode()).isEqualTo(200);
    // Bouncy Castle's parser: the JDK's does not know the SM2 curve
    return ((X509Certificate)
            CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
                .generateCertificate(new ByteArrayInputStream(pem.body())))
        .getSerialNumber()
        .toString(16);
  }

  private static long count(JdbcClient jdbc, String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static int reasonCode(JdbcClient jdbc, CertificateRef c) {
    return jdbc.sql(
            "SELECT reason_code FROM certificate_revocation WHERE ca_name = ? AND serial = ?")
        .params(c.caName(), c.serialHex())
        .query(Integer.class)
        .single();
  }

  private static String lastEvent(JdbcClient jdbc, CertificateRef c) {
    return jdbc.sql(
            "SELECT last_event FROM channel_certificate WHERE channel_id = 'demo' AND serial = ?")
        .param(c.serialHex())
        .query(String.class)
        .single();
  }

  /**
   * Polls the CA's published CRL until it lists the certificate (within seconds of the revocation).
   */
  private static boolean crlLists(RunningApp app, CertificateRef c) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url("/crl/" + c.caName() + ".crl"))).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        X509CRL crl = (X509CRL) cf.generateCRL(new ByteArrayInputStream(response.body()));
        if (crl.getRevokedCertificates() != null
            && crl.getRevokedCertificates().stream()
                .anyMatch(e -> e.getSerialNumber().toString(16).equals(c.serialHex()))) {
          return true;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** "good" or "revoked", as the CA's responder answers a Bouncy Castle request over HTTP. */
  private static String ocspStatus(RunningApp app, CertificateAuthority issuer, CertificateRef c)
      throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new X509CertificateHolder(issuer.certificateDer()),
            new BigInteger(c.serialHex(), 16));
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
                .header("Content-Type", "application/ocsp-request")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new OCSPReqBuilder().addRequest(id).build().getEncoded()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    OCSPResp ocsp = new OCSPResp(response.body());
    assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    Object status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
    return status == null
        ? "good"
        : status instanceof RevokedStatus ? "revoked" : status.toString();
  }
}
