package cn.certhall.app.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default (one node on its H2 file) publishes and serves CRLs through the same lease
 * as several nodes on PostgreSQL, and a database from before CRLs were stored in it gets one at
 * start.
 */
class SingleNodeCrlTest {
  static final String CA = "ecdsa-issuing";
  static final Map<String, String> SETTINGS = Map.of("certhall.ca.hierarchies", "ECDSA");

  @TempDir Path dataDir;

  @Test
  void parallelPublicationsOnOneH2NodeGetNumbersOfTheirOwnInOrder() throws Exception {
    try (RunningApp app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, SETTINGS)) {
      CrlPublisher publisher = app.bean(CrlPublisher.class);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Long> published = new ArrayList<>();
      try {
        List<Future<List<Long>>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
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
          published.addAll(thread.get(2, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(published).hasSize(20).doesNotHaveDuplicates();
      List<Long> byStoreTime =
          app.bean(JdbcClient.class)
              .sql("SELECT crl_number FROM crl WHERE ca_name = ? ORDER BY created_at")
              .param(CA)
              .query(Long.class)
              .list();
      assertThat(byStoreTime).isSorted().doesNotHaveDuplicates().containsAll(published);
      assertThat(servedNumber(app)).isEqualTo(byStoreTime.get(byStoreTime.size() - 1));
    }
  }

  /** CRLs stored before V110 have no DER: the first start after the upgrade publishes the next. */
  @Test
  void aDatabaseWithoutAStoredCrlGetsOneAtStartNumberedAfterTheOldOnes() throws Exception {
    long before;
    try (RunningApp app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, SETTINGS)) {
      app.bean(CrlPublisher.class).publish(CA);
      JdbcClient jdbc = app.bean(JdbcClient.class);
      before =
          jdbc.sql("SELECT MAX(crl_number) FROM crl WHERE ca_name = ?")
              .param(CA)
              .query(Long.class)
              .single();
      jdbc.sql("UPDATE crl SET der = NULL").update();
    }
    try (RunningApp app = RunningApp.start(RunningApp.h2File(dataDir), dataDir, SETTINGS)) {
      assertThat(servedNumber(app)).isEqualTo(before + 1);
    }
  }

  private static long servedNumber(RunningApp app) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(app.url("/crl/" + CA + ".crl"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    // a CRL the JDK reads
    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
    BigInteger number =
        ((ASN1Integer)
                new X509CRLHolder(response.body())
                    .getExtension(Extension.cRLNumber)
                    .getParsedValue())
            .getValue();
    return number.longValueExact();
  }
}
