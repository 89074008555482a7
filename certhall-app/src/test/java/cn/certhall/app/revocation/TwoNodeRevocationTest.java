package cn.certhall.app.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.RevocationListener;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes of one installation on one PostgreSQL, as a relying party sees them: node B has a
 * certificate's "good" answer cached, node A revokes it, and B answers "revoked" within a second,
 * without waiting for its cache to expire. The polls are set an hour apart here, so what is tested
 * is the notice at commit and, when B's LISTEN connection was killed, the catch-up on reconnecting.
 */
class TwoNodeRevocationTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  static final Map<String, String> SETTINGS =
      Map.of(
          "certhall.ca.hierarchies", "ECDSA",
          "certhall.revocation.ocsp-invalidation-poll", "1h",
          "certhall.revocation.ocsp-listen-retry", "3s");

  @TempDir static Path dataDir;
  @TempDir Path work;
  static RunningApp nodeA;
  static RunningApp nodeB;

  @BeforeAll
  static void start() {
    TestDatabases.Target postgres = TestDatabases.freshPostgres();
    nodeA = RunningApp.start(postgres, dataDir, SETTINGS);
    nodeB = RunningApp.start(postgres, dataDir, SETTINGS);
  }

  @AfterAll
  static void stop() {
    for (RunningApp app : new RunningApp[] {nodeB, nodeA}) {
      if (app != null) {
        app.close();
      }
    }
  }

  @Test
  void aCertificateRevokedOnOneNodeIsRevokedOnTheOtherWithinOneSecond() throws Exception {
    CertificateAuthority issuing = issuingCa();
    IssuedCertificate cert = issue(issuing, "two-node");
    byte[] request = request(issuing, cert.serial());
    assertThat(status(nodeB, request)).as("node B before the revocation").isEqualTo("good");
    assertThat(status(nodeB, request)).as("node B, from its cache").isEqualTo("good");

    nodeA
        .bean(RevocationService.class)
        .revoke(issuing.name(), cert.serial(), RevocationReason.KEY_COMPROMISE, null);
    Duration seen = untilRevoked(nodeB, request, Duration.ofSeconds(5));
    assertThat(seen).as("time until node B answered revoked").isLessThan(Duration.ofSeconds(1));

    ExternalTool.require("openssl");
    Path chain =
        PemFiles.write(work, "chain.pem", rootCa().certificateDer(), issuing.certificateDer());
    Path issuerPem = PemFiles.write(work, "issuing.pem", issuing.certificateDer());
    Path certPem = PemFiles.write(work, "cert.pem", cert.der());
    ExternalTool.Result openssl =
        ExternalTool.run(
            "openssl",
            "ocsp",
            "-issuer",
            issuerPem.toString(),
            "-cert",
            certPem.toString(),
            "-url",
            nodeB.url("/ocsp"),
            "-CAfile",
            chain.toString());
    assertThat(openssl.output())
        .contains(certPem + ": revoked")
        .contains("Reason: keyCompromise")
        .contains("Response verify OK");
  }

  @Test
  void aNodeWhoseListenConnectionWasKilledCatchesUpWhenItReconnects() throws Exception {
    CertificateAuthority issuing = issuingCa();
    IssuedCertificate cert = issue(issuing, "killed-listener");
    byte[] request = request(issuing, cert.serial());
    assertThat(status(nodeB, request)).isEqualTo("good");

    RevocationListener listener = nodeB.bean(OcspCacheInvalidation.class).listener().orElseThrow();
    int pid = listener.backendPid();
    assertThat(pid).as("node B's LISTEN connection").isPositive();
    assertThat(
            nodeA
                .bean(JdbcClient.class)
                .sql("SELECT pg_terminate_backend(?)")
                .param(pid)
                .query(Boolean.class)
                .single())
        .isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (listener.backendPid() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(listener.backendPid()).as("node B noticed its connection gone").isZero();

    // revoked while node B does not listen (it reconnects after 3 s): the notice is lost to it
    nodeA
        .bean(RevocationService.class)
        .revoke(issuing.name(), cert.serial(), RevocationReason.CESSATION_OF_OPERATION, null);
    assertThat(listener.backendPid()).as("still away when the revocation was committed").isZero();
    assertThat(status(nodeB, request))
        .as("node B until it reconnects, from its cache")
        .isEqualTo("good");

    untilRevoked(nodeB, request, Duration.ofSeconds(10));
    assertThat(listener.backendPid())
        .as("listening again, on a new connection")
        .isPositive()
        .isNotEqualTo(pid);
  }

  private static CertificateAuthority issuingCa() {
    return nodeA.bean(CaRegistry.class).find("ecdsa-issuing").orElseThrow();
  }

  private static CertificateAuthority rootCa() {
    return nodeA.bean(CaRegistry.class).find("ecdsa-root").orElseThrow();
  }

  private static IssuedCertificate issue(CertificateAuthority ca, String alias) {
    PublicKey key =
        nodeA
            .bean(SigningKeyStore.class)
            .generateKeyPair(alias + "-" + System.nanoTime(), ca.keyAlgorithm());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return ca.issue(
        new IssuanceRequest(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("两节点吊销测试有限公司", "91350100M000100Y43"),
            key,
            now,
            now.plus(365, ChronoUnit.DAYS)));
  }

  /**
   * One certificate, SHA-1 CertID, no nonce: the RFC 5019 request browsers send, answered from the
   * cache.
   */
  private static byte[] request(CertificateAuthority issuer, BigInteger serial) throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new X509CertificateHolder(issuer.certificateDer()),
            serial);
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  /** "good" or "revoked", as the node answers over HTTP. */
  private static String status(RunningApp node, byte[] request) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url("/ocsp")))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    OCSPResp ocsp = new OCSPResp(response.body());
    assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    SingleResp[] answers = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses();
    assertThat(answers).hasSize(1);
    Object status = answers[0].getCertStatus();
    if (status == null) {
      return "good";
    }
    return status instanceof RevokedStatus ? "revoked" : status.toString();
  }

  /** Asks every 50 ms until the node answers revoked; how long that took. */
  private static Duration untilRevoked(RunningApp node, byte[] request, Duration atMost)
      throws Exception {
    long start = System.nanoTime();
    while (System.nanoTime() - start < atMost.toNanos()) {
      if (status(node, request).equals("revoked")) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("node still answers good " + atMost + " after the revocation");
  }
}
