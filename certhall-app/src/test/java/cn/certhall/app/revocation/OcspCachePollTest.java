package cn.certhall.app.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * The poll alone keeps a node's OCSP cache right, without any notice: on H2, and on PostgreSQL with
 * LISTEN turned off (as behind a pooler in transaction mode). A revocation row written by someone
 * else (another node; here the test itself, past this node's RevocationService) turns the node's
 * cached "good" into "revoked" within about a poll's interval (1 s).
 */
class OcspCachePollTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRevocationRecordedElsewhereIsPickedUpByThePoll(Kind kind) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies", "ECDSA", "certhall.revocation.ocsp-listen", "false"))) {
      assertThat(app.bean(OcspCacheInvalidation.class).listener()).isEmpty();
      CertificateAuthority issuing = app.bean(CaRegistry.class).find("ecdsa-issuing").orElseThrow();
      PublicKey key =
          app.bean(SigningKeyStore.class)
              .generateKeyPair("poll-" + System.nanoTime(), issuing.keyAlgorithm());
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      IssuedCertificate cert =
          issuing.issue(
              new IssuanceRequest(
                  CertificateProfile.ORGANIZATION,
                  new Subject.Organization("轮询吊销测试有限公司", "91350100M000100Y43"),
                  key,
                  now,
                  now.plus(365, ChronoUnit.DAYS)));
      byte[] request =
          new OCSPReqBuilder()
              .addRequest(
                  new CertificateID(
                      new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                      new X509CertificateHolder(issuing.certificateDer()),
                      cert.serial()))
              .build()
              .getEncoded();
      assertThat(revoked(app, request)).as("good, and now cached").isFalse();

      app.bean(JdbcClient.class)
          .sql(
              "INSERT INTO certificate_revocation (ca_name, serial, reason_code, revoked_at)"
                  + " VALUES (?, ?, 1, ?)")
          .params(
              issuing.name(),
              cert.serial().toString(16),
              OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
          .update();
      long start = System.nanoTime();
      while (!revoked(app, request)) {
        assertThat(System.nanoTime() - start)
            .as("nanoseconds until the cached good was dropped")
            .isLessThan(3_000_000_000L);
        Thread.sleep(50);
      }
    }
  }

  private static boolean revoked(RunningApp app, byte[] request) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
    return basic.getResponses()[0].getCertStatus() instanceof RevokedStatus;
  }
}
