package cn.certhall.app.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes of one installation on one PostgreSQL, each with a data directory of its own (the same
 * key store copied, as two machines would share an HSM): a CRL published by either is what both
 * serve, a revocation on one reaches the other's CRL within seconds, and publications forced on
 * both at once never give two CRLs one number.
 */
class TwoNodeCrlTest {
  static final String CA = "ecdsa-issuing";
  static final Map<String, String> SETTINGS = Map.of("certhall.ca.hierarchies", "ECDSA");
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dirA;
  @TempDir static Path dirB;
  @TempDir static Path work;
  static RunningApp nodeA;
  static RunningApp nodeB;
  static long crlsAfterStart;

  @BeforeAll
  static void start() throws IOException {
    TestDatabases.Target postgres = TestDatabases.freshPostgres();
    nodeA = RunningApp.start(postgres, dirA, SETTINGS);
    copyKeysAndSecrets(dirA, dirB);
    nodeB = RunningApp.start(postgres, dirB, SETTINGS);
    crlsAfterStart =
        jdbc()
            .sql("SELECT COUNT(*) FROM crl WHERE ca_name = ?")
            .param(CA)
            .query(Long.class)
            .single();
  }

  @AfterAll
  static void stop() {
    for (RunningApp app : new RunningApp[] {nodeB, nodeA}) {
      if (app != null) {
        app.close();
      }
    }
  }

  /** Everything but the CRLs: node B starts with none of its own. */
  private static void copyKeysAndSecrets(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path relative = from.relativize(p);
        if (relative.toString().isEmpty() || relative.startsWith("crl")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static JdbcClient jdbc() {
    return nodeA.bean(JdbcClient.class);
  }

  @Test
  void theSecondNodeServesTheFirstNodesCrlAndPublishesNoneOfItsOwnAtStart() throws Exception {
    assertThat(crlsAfterStart).as("CRLs of %s after both nodes started", CA).isEqualTo(1);
    assertThat(fetch(nodeB, CA)).isEqualTo(fetch(nodeA, CA));
  }

  @Test
  void aRevocationOnNodeAIsOnNodeBsCrlWithinSeconds() throws Exception {
    ExternalTool.require("openssl");
    CertificateAuthority issuing = nodeA.bean(CaRegistry.class).find(CA).orElseThrow();
    IssuedCertificate doomed = issue(issuing, nodeA.bean(SigningKeyStore.class));
    assertThat(lists(crl(fetch(nodeB, CA)), doomed.serial())).isFalse();

    nodeA
        .bean(RevocationService.class)
        .revoke(CA, doomed.serial(), RevocationReason.KEY_COMPROMISE, null);
    long revoked = System.nanoTime();

    byte[] der = null;
    while (System.nanoTime() - revoked < 10_000_000_000L) {
      byte[] served = fetch(nodeB, CA);
      if (lists(crl(served), doomed.serial())) {
        der = served;
        break;
      }
      Thread.sleep(100);
    }
    long millis = (System.nanoTime() - revoked) / 1_000_000;
    assertThat(der)
        .as("node B's CRL lists the serial revoked on node A (waited %d ms)", millis)
        .isNotNull();
    assertThat(millis).as("ms until node B served it").isLessThan(5_000);
    assertThat(fetch(nodeA, CA)).as("both nodes serve the same latest CRL").isEqualTo(der);
    assertVerifies(der);
  }

  @Test
  void publicationsForcedOnBothNodesAtOnceNeverShareANumber() throws Exception {
    ExternalTool.require("openssl");
    List<CrlPublisher> publishers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      publishers.add(nodeA.bean(CrlPublisher.class));
      publishers.add(nodeB.bean(CrlPublisher.class));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(publishers.size());
    List<Long> published = new ArrayList<>();
    try {
      List<Future<List<Long>>> threads = new ArrayList<>();
      for (CrlPublisher publisher : publishers) {
        threads.add(
            pool.submit(
                () -> {
                  go.await();
                  List<Long> mine = new ArrayList<>();
                  for (int round = 0; round < 5; round++) {
                    mine.add(publisher.publish(CA).number());
                  }
                  return mine;
                }));
      }
      go.countDown();
      for (Future<List<Long>> thread : threads) {
        published.addAll(thread.get(3, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(published).as("numbers of the CRLs signed").hasSize(40).doesNotHaveDuplicates();

    List<StoredCrl> stored =
        jdbc()
            .sql(
                "SELECT crl_number, this_update, created_at, sha256, der FROM crl WHERE ca_name = ?"
                    + " ORDER BY created_at")
            .param(CA)
            .query(
                (rs, n) ->
                    new StoredCrl(
                        rs.getLong("crl_number"),
                        rs.getObject("this_update", OffsetDateTime.class).toInstant(),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("sha256"),
                        rs.getBytes("der")))
            .list();
    assertThat(stored.stream().map(StoredCrl::number).toList()).containsAll(published);
    for (int i = 1; i < stored.size(); i++) {
      StoredCrl before = stored.get(i - 1);
      StoredCrl after = stored.get(i);
      assertThat(after.number())
          .as("the CRL stored after #%d", before.number())
          .isGreaterThan(before.number());
      assertThat(after.createdAt()).isAfter(before.createdAt());
      assertThat(after.thisUpdate()).isAfterOrEqualTo(before.thisUpdate());
    }
    for (StoredCrl crl : stored) {
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(crl.der())))
          .isEqualTo(crl.sha256());
      assertThat(number(crl.der())).isEqualTo(crl.number());
      assertVerifies(crl.der());
    }
    long newest = stored.stream().mapToLong(StoredCrl::number).max().orElseThrow();
    assertThat(number(fetch(nodeA, CA))).isEqualTo(newest);
    assertThat(number(fetch(nodeB, CA))).isEqualTo(newest);
  }

  record StoredCrl(long number, Instant thisUpdate, Instant createdAt, String sha256, byte[] der) {}

  private static IssuedCertificate issue(CertificateAuthority ca, SigningKeyStore keys) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    PublicKey key = keys.generateKeyPair("two-node-crl-" + System.nanoTime(), ca.keyAlgorithm());
    return ca.issue(
        new IssuanceRequest(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("两节点吊销测试有限公司", "91350100M000100Y43"),
            key,
            now,
            now.plus(365, ChronoUnit.DAYS)));
  }

  private static byte[] fetch(RunningApp node, String ca) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url("/crl/" + ca + ".crl"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
    return response.body();
  }

  private static X509CRL crl(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }

  private static long number(byte[] der) throws Exception {
    return ((ASN1Integer) new X509CRLHolder(der).getExtension(Extension.cRLNumber).getParsedValue())
        .getValue()
        .longValueExact();
  }

  private static boolean lists(X509CRL crl, BigInteger serial) {
    return crl.getRevokedCertificate(serial) != null;
  }

  /** The JDK and openssl both accept the CRL's signature by the issuing CA. */
  private static void assertVerifies(byte[] der) throws Exception {
    CaRegistry cas = nodeB.bean(CaRegistry.class);
    CertificateAuthority issuing = cas.find(CA).orElseThrow();
    CertificateAuthority root = cas.find("ecdsa-root").orElseThrow();
    X509Certificate issuingCert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issuing.certificateDer()));
    crl(der).verify(issuingCert.getPublicKey());

    Path chain =
        PemFiles.write(
            work,
            "chain-" + System.nanoTime() + ".pem",
            root.certificateDer(),
            issuing.certificateDer());
    Path file = Files.write(work.resolve("crl-" + System.nanoTime() + ".crl"), der);
    ExternalTool.Result result =
        ExternalTool.run(
            "openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            file.toString(),
            "-CAfile",
            chain.toString(),
            "-noout",
            "-verify");
    assertThat(result.output()).as("openssl crl -verify").contains("verify OK");
    assertThat(result.exitCode()).isZero();
  }
}
