package cn.certhall.bench;

import cn.certhall.app.persistence.CaRepository;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.JdbcKeyFiles;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.pki.crl.CrlBuilder;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.PublicationUrls;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CRL generation benchmark (docs/benchmarks.md, "OCSP responder and CRLs"): fills the application's
 * database with revoked certificates of one CA until it has {@code --count} of them ({@code
 * --fill}, plain SQL: reservation, certificate and revocation rows, mixed reasons, a third with an
 * invalidity date), then issues that CA's CRL the way {@code CrlPublisher.publish} does: {@link
 * RevocationRepository#forEachRevoked} streaming from the database into a {@link CrlBuilder},
 * written and signed to a file. Prints the time, the CRL's size, and what the heap held: the
 * largest heap occupancy any collection left behind while generating (the live set, whatever -Xmx
 * allows) and the heap after a full collection at the end. Run it with a small -Xmx and a GC log to
 * see that memory stays flat:
 *
 * <pre>
 * /usr/bin/time -v java -Xmx64m -Xlog:gc:file=gc.log -cp certhall-bench/target/benchmarks.jar \
 *   cn.certhall.bench.CrlGeneration --jdbc-url='jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_ocsp' \
 *   --data-dir=/tmp/certhall-ocsp-bench/data --ca=ecdsa-issuing --count=1000000 --fill --out=/tmp/crl
 * </pre>
 */
public final class CrlGeneration {
  private CrlGeneration() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      if (a.equals("--fill")) {
        args.put("fill", "true");
      } else if (a.startsWith("--") && a.contains("=")) {
        args.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        throw new IllegalArgumentException("arguments are --name=value or --fill, not " + a);
      }
    }
    String url = args.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
    Path dataDir = Path.of(args.get("data-dir"));
    String caName = args.getOrDefault("ca", "ecdsa-issuing");
    long count = Long.parseLong(args.getOrDefault("count", "1000000"));
    Path out = Path.of(args.getOrDefault("out", "."));
    Files.createDirectories(out);

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(args.getOrDefault("user", "postgres"));
    config.setPassword(args.getOrDefault("password", ""));
    config.setMaximumPoolSize(2);
    config.setPoolName("crl-generation");
    char[] passphrase =
        Files.readString(dataDir.resolve("keystore-passphrase"), StandardCharsets.US_ASCII)
            .strip()
            .toCharArray();
    try (HikariDataSource dataSource = new HikariDataSource(config);
        // the server keeps its software keys in the database (table software_key)
        SoftwareKeyStore keys =
            SoftwareKeyStore.open(
                new JdbcKeyFiles(JdbcClient.create(dataSource)), passphrase, false)) {
      JdbcClient jdbc = JdbcClient.create(dataSource);
      JdbcTemplate template = new JdbcTemplate(dataSource);
      if (args.containsKey("fill")) {
        fill(template, caName, count);
      }
      long revoked =
          jdbc.sql("SELECT count(*) FROM certificate_revocation WHERE ca_name = ?")
              .param(caName)
              .query(Long.class)
              .single();
      CaRepository.CaRecord record =
          new CaRepository(jdbc)
              .find(caName)
              .orElseThrow(() -> new IllegalStateException("no CA " + caName));
      CertificateAuthority ca =
          CertificateAuthority.load(
              caName,
              record.certificate(),
              keys,
              record.keyAlias(),
              new PublicationUrls(
                  "http://127.0.0.1/crl/" + caName + ".crl",
                  "http://127.0.0.1/ocsp",
                  "http://127.0.0.1/ca/" + caName + ".crt",
                  "2.25.218864587385346412779712437213384390183"),
              new JdbcIssuanceLedger(jdbc),
              new SerialNumberGenerator());
      TransactionTemplate readOnly =
          new TransactionTemplate(new DataSourceTransactionManager(dataSource));
      readOnly.setReadOnly(true);
      RevocationRepository revocations = new RevocationRepository(jdbc, template, readOnly);

      System.gc();
      long before = heapUsed();
      long collectionsBefore = collections();
      AfterCollection watch = new AfterCollection();
      Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      long started = System.nanoTime();
      Path file = out.resolve(caName + ".crl");
      long size;
      long entries;
      try (CrlBuilder crl =
          ca.newCrl(
              BigInteger.valueOf(999), thisUpdate, thisUpdate.plus(1, ChronoUnit.DAYS), out)) {
        revocations.forEachRevoked(caName, crl::add);
        long streamed = System.nanoTime();
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
          size = crl.writeTo(o);
        }
        entries = crl.count();
        long written = System.nanoTime();
        System.out.printf(
            "CRL of %s: %,d entries (%,d revoked in the database), %,d bytes: %.1f s"
                + " (streaming the entries from the database %.1f s, DER and signature %.1f s)%n",
            caName,
            entries,
            revoked,
            size,
            (written - started) / 1e9,
            (streamed - started) / 1e9,
            (written - streamed) / 1e9);
      }
      long collections = collections() - collectionsBefore;
      long peak = watch.stop();
      System.gc();
      System.out.printf(
          "heap: -Xmx %d MiB; before %.1f MiB; largest occupancy left by a collection while"
              + " generating %.1f MiB (%d collections); after a full collection at the end %.1f MiB%n",
          Runtime.getRuntime().maxMemory() >> 20,
          before / 1048576.0,
          peak / 1048576.0,
          collections,
          heapUsed() / 1048576.0);
    }
  }

  /**
   * Adds revoked certificates (with their reservation and certificate rows) up to {@code count}.
   */
  static void fill(JdbcTemplate template, String caName, long count) {
    long have =
        template.queryForObject(
            "SELECT count(*) FROM certificate_revocation WHERE ca_name = ?", Long.class, caName);
    if (have >= count) {
      System.out.printf("%,d revoked entries there already%n", have);
      return;
    }
    long started = System.nanoTime();
    // serials of 124 random-looking bits, as hex like the ledger writes them; "crl-load-N" keeps
    // them apart from the engine's own
    String serials =
        "(SELECT g, substr(md5('crl-load-' || g), 2, 31) AS s FROM generate_series(1, "
            + (count - have)
            + ") g) x";
    template.update(
        "INSERT INTO serial_reservation (ca_name, serial, profile, subject, not_before, not_after,"
            + " reserved_at) SELECT ?, s, 'ORGANIZATION', 'CN=crl load', now(),"
            + " now() + interval '365 days', now() FROM "
            + serials,
        caName);
    template.update(
        "INSERT INTO certificate (ca_name, serial, profile, subject, not_before, not_after, der,"
            + " issued_at) SELECT ?, s, 'ORGANIZATION', 'CN=crl load', now(),"
            + " now() + interval '365 days', '\\x00'::bytea, now() FROM "
            + serials,
        caName);
    template.update(
        "INSERT INTO certificate_revocation (ca_name, serial, reason_code, revoked_at,"
            + " invalidity_date) SELECT ?, s, (ARRAY[0, 1, 3, 4, 5])[1 + g % 5],"
            + " now() - (g % 1000) * interval '1 minute',"
            + " CASE WHEN g % 3 = 0 THEN now() - interval '2 days' END FROM "
            + serials,
        caName);
    template.execute("ANALYZE certificate_revocation");
    System.out.printf(
        "added %,d revoked certificates in %.1f s%n",
        count - have, (System.nanoTime() - started) / 1e9);
  }

  private static long heapUsed() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /**
   * The largest heap occupancy any collection left behind (sum over heap pools of their use after
   * the collection), from the JVM's notifications: what had to stay live at worst.
   */
  static final class AfterCollection implements NotificationListener {
    private final AtomicLong peak = new AtomicLong();

    AfterCollection() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(this, null, null);
      }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (HEAP_POOLS.contains(e.getKey())) {
          used += e.getValue().getUsed();
        }
      }
      peak.accumulateAndGet(used, Math::max);
    }

    long stop() throws Exception {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).removeNotificationListener(this);
      }
      return peak.get();
    }
  }

  private static final java.util.Set<String> HEAP_POOLS = heapPools();

  private static java.util.Set<String> heapPools() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        names.add(pool.getName());
      }
    }
    return names;
  }
}
