package cn.certhall.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.lifecycle.CertificateOptions;
import cn.certhall.domain.lifecycle.CertificateState;
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
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Renewal, change and revocation as the running app does them on approval (real engine, key store,
 * seals, channel outbox, revocation service), on H2 and PostgreSQL: the renewal's exact notAfter,
 * the change revoking its predecessor as superseded, and an approved revocation that the database,
 * {@code openssl ocsp} and the CRL all report as revoked.
 */
class LifecycleFlowTest {
  static final String REVIEWER = "reviewer";
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void renewChangeAndRevokeOneCertificateAfterTheOther(Kind kind) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA"))) {
      OrderService orders = app.bean(OrderService.class);
      LifecycleService lifecycle = app.bean(LifecycleService.class);
      JdbcClient jdbc = JdbcClient.create(app.bean(javax.sql.DataSource.class));
      IdentityProof proof =
          new IdentityProof(
              OrderApplications.CREDIT_CODE,
              IdentityCheck.Method.HANDLER,
              Instant.now().plus(Duration.ofHours(1)));

      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      CertificateRef first =
          LifecycleFixtures.issuedNewUnit(
              app, OrderApplications.CREDIT_CODE, now.plus(Duration.ofDays(30)));
      CertificateOptions shown = only(lifecycle.certificates(proof));
      assertThat(shown.state()).isEqualTo(CertificateState.VALID);
      assertThat(shown.allows(BusinessType.RENEWAL)).isTrue();

      // 证书更新: old notAfter + one year, China time
      Order renewal =
          lifecycle.start(
              BusinessType.RENEWAL,
              proof,
              "demo",
              first.caName(),
              first.serialHex(),
              OrderApplications.transfer(OrderApplications.CREDIT_CODE));
      CertificateRef renewed = approve(app, walk(orders, renewal)).certificate().orElseThrow();
      assertThat(renewed.notAfter())
          .isEqualTo(first.notAfter().atZone(CertificateRules.CHINA_TIME).plusYears(1).toInstant());
      assertThat(orders.find(renewal.id()).orElseThrow().status()).isEqualTo(OrderStatus.ISSUED);
      assertThat(
              count(
                  jdbc,
                  "SELECT COUNT(*) FROM seal WHERE certificate_serial = ?",
                  renewed.serialHex()))
          .isOne();
      assertThat(lastEvent(jdbc, renewed)).isEqualTo("certificate.renewed");
      assertThat(
              lifecycle.certificate(proof, first.caName(), first.serialHex()).orElseThrow().state())
          .isEqualTo(CertificateState.REPLACED);

      // 信息变更: the remaining validity, the old one revoked as superseded, a seal with the new name
      UnitApplication before = OrderApplications.transfer(OrderApplications.CREDIT_CODE);
      UnitApplication changedName =
          new UnitApplication(
              "福州更名科技有限公司",
              before.creditCode(),
              before.legalRepresentative(),
              before.handler(),
              before.administrator(),
              before.enterpriseVerification(),
              before.administratorVerification());
      Order change =
          lifecycle.start(
              BusinessType.INFORMATION_CHANGE,
              proof,
              "demo",
              renewed.caName(),
              renewed.serialHex(),
              changedName);
      assertThat(lifecycle.changes(change.id()))
          .extracting(c -> c.field())
          .containsExactly("organizationName");
      CertificateRef changed = approve(app, walk(orders, change)).certificate().orElseThrow();
      assertThat(changed.notAfter()).isEqualTo(renewed.notAfter());
      assertThat(reasonCode(jdbc, renewed)).isEqualTo(4);
      assertThat(
              jdbc.sql("SELECT organization_name FROM seal WHERE certificate_serial = ?")
                  .param(changed.serialHex())
                  .query(String.class)
                  .single())
          .isEqualTo("福州更名科技有限公司");
      assertThat(lastEvent(jdbc, changed)).isEqualTo("certificate.changed");
      supersededLooksRevokedToTheChannel(app, jdbc, renewed, changed);

      // 证书吊销: the holder's signature with the hosted key, then approval revokes
      Order revocation =
          lifecycle.startRevocation(
              proof,
              "demo",
              changed.caName(),
              changed.serialHex(),
              RevocationChoice.NO_LONGER_NEEDED,
              before.enterpriseVerification());
      orders.move(revocation.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
      assertThat(lifecycle.proveHolder(revocation.id()).algorithm()).isEqualTo("SHA256withECDSA");
      for (OrderStatus s :
          List.of(
              OrderStatus.MATERIALS_UPLOADED,
              OrderStatus.APPLICATION_SIGNED,
              OrderStatus.WAITING_FOR_REVIEW)) {
        orders.move(revocation.id(), s, HistoryNote.text("test set-up"));
      }
      assertThat(approve(app, orders.find(revocation.id()).orElseThrow()).issuanceProblem())
          .isNull();
      assertThat(orders.find(revocation.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.REVOKED);
      assertThat(reasonCode(jdbc, changed)).isEqualTo(5);
      assertThat(lastEvent(jdbc, changed)).isEqualTo("certificate.revoked");
      assertThat(
              lifecycle
                  .certificate(proof, changed.caName(), changed.serialHex())
                  .orElseThrow()
                  .state())
          .isEqualTo(CertificateState.REVOKED);

      CertificateAuthority issuing =
          app.bean(CaRegistry.class).find(changed.caName()).orElseThrow();
      CertificateAuthority root = app.bean(CaRegistry.class).find("ecdsa-root").orElseThrow();
      Path chain =
          PemFiles.write(work, "chain.pem", root.certificateDer(), issuing.certificateDer());
      Path issuingPem = PemFiles.write(work, "issuing.pem", issuing.certificateDer());
      Path leaf =
          PemFiles.write(
              work,
              "leaf.pem",
              jdbc.sql("SELECT der FROM certificate WHERE ca_name = ? AND serial = ?")
                  .params(changed.caName(), changed.serialHex())
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
      assertThat(crlLists(app, changed)).isTrue();
    }
  }

  /**
   * Issue 16, point 1: what the channel sees after the change, through its pull API and its
   * webhook: the superseded certificate revoked (no seal), the new one valid.
   */
  private static void supersededLooksRevokedToTheChannel(
      RunningApp app, JdbcClient jdbc, CertificateRef superseded, CertificateRef replacement)
      throws Exception {
    String key =
        java.nio.file.Files.readString(
                app.bean(cn.certhall.app.CerthallProperties.class)
                    .dataDir()
                    .resolve("channel-demo-api-key"))
            .strip();
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        app.url(
                            "/api/channel/v1/certificates?creditCode="
                                + OrderApplications.CREDIT_CODE)))
                .header("X-Api-Key", key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    tools.jackson.databind.JsonNode items =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(list.body()).get("items");
    Map<String, String> status = new java.util.HashMap<>();
    Map<String, String> event = new java.util.HashMap<>();
    items.forEach(
        i -> {
          status.put(i.get("serial").asString(), i.get("status").asString());
          event.put(i.get("serial").asString(), i.get("lastEvent").asString());
        });
    assertThat(status)
        .containsEntry(superseded.serialHex(), "REVOKED")
        .containsEntry(replacement.serialHex(), "VALID");
    assertThat(event).containsEntry(superseded.serialHex(), "certificate.revoked");
    HttpResponse<String> one =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(app.url("/api/channel/v1/certificates/" + superseded.serialHex())))
                .header("X-Api-Key", key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(one.body()).contains("\"revocationReason\":\"superseded\"", "\"seal\":null");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                app.url(
                                    "/api/channel/v1/certificates/"
                                        + superseded.serialHex()
                                        + "/seal.png")))
                        .header("X-Api-Key", key)
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                app.url(
                                    "/api/channel/v1/certificates/"
                                        + replacement.serialHex()
                                        + "/seal.png")))
                        .header("X-Api-Key", key)
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);
    // the webhook carries the same event (the demo channel's webhook goes to the sandbox)
    assertThat(
            count(
                jdbc,
                "SELECT COUNT(*) FROM channel_delivery WHERE serial = ? AND event = ?",
                superseded.serialHex(),
                "certificate.revoked"))
        .isOne();
  }

  private static Order walk(OrderService orders, Order order) {
    for (OrderStatus s :
        List.of(OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    return orders.find(order.id()).orElseThrow();
  }

  private static ReviewService.Approval approve(RunningApp app, Order order) {
    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), REVIEWER);
    ReviewService.Approval approval = review.approve(order.id(), REVIEWER);
    assertThat(approval.issuanceProblem()).isNull();
    return approval;
  }

  private static CertificateOptions only(List<CertificateOptions> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
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

  /** Polls the published CRL until it lists the certificate (within seconds of the revocation). */
  private static boolean crlLists(RunningApp app, CertificateRef c) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url("/crl/" + c.caName() + ".crl"))).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      X509CRL crl = (X509CRL) cf.generateCRL(new ByteArrayInputStream(response.body()));
      if (crl.getRevokedCertificates() != null
          && crl.getRevokedCertificates().stream()
              .anyMatch(e -> e.getSerialNumber().toString(16).equals(c.serialHex()))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
