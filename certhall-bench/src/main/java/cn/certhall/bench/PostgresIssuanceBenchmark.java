package cn.certhall.bench;

import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.pki.DuplicateSerialException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Reservation;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issuance with the application's ledger in PostgreSQL: per certificate one autocommitted insert of
 * the serial reservation before signing (store-before-sign) and one of the certificate after, over
 * a HikariCP pool, two issuing threads sharing one CA.
 *
 * <p>Each trial migrates a fresh schema with the application's Flyway scripts and drops it at the
 * end (keep it with {@code -Dcerthall.bench.keepSchema=true}). The database is {@code
 * -Dcerthall.bench.jdbcUrl} (default {@code jdbc:postgresql://127.0.0.1:5432/test}), user {@code
 * -Dcerthall.bench.user} (default {@code postgres}), password {@code -Dcerthall.bench.password}
 * (default none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class PostgresIssuanceBenchmark {

  @Param({"SM2", "EC_P256"})
  public String algorithm;

  /** Connections in the pool; two issuing threads need two at most. */
  @Param({"2"})
  public int poolSize;

  private String schema;
  private HikariDataSource dataSource;
  private BenchHierarchy hierarchy;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url =
        System.getProperty("certhall.bench.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("certhall.bench.user", "postgres");
    String password = System.getProperty("certhall.bench.password", "");
    schema =
        "bench_"
            + algorithm.toLowerCase()
            + "_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setSchema(schema);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    config.setPoolName("bench");
    dataSource = new HikariDataSource(config);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();

    JdbcIssuanceLedger ledger = new JdbcIssuanceLedger(JdbcClient.create(dataSource));
    checkDuplicateDetected(ledger);
    hierarchy = new BenchHierarchy(KeyAlgorithm.parse(algorithm), ledger);
    System.out.printf(
        "%n%s: schema %s, pool of %d, PostgreSQL synchronous_commit=%s fsync=%s%n",
        algorithm, schema, poolSize, setting("synchronous_commit"), setting("fsync"));
  }

  /**
   * The shaded jar must keep Spring's translation of a unique violation, or a serial collision
   * would surface as a generic error instead of a retry.
   */
  private static void checkDuplicateDetected(JdbcIssuanceLedger ledger) {
    Reservation r =
        new Reservation(
            "bench-check",
            BigInteger.ONE,
            cn.certhall.pki.profile.CertificateProfile.ORGANIZATION,
            "CN=check",
            java.time.Instant.parse("2026-01-01T00:00:00Z"),
            java.time.Instant.parse("2027-01-01T00:00:00Z"));
    ledger.reserve(r);
    try {
      ledger.reserve(r);
    } catch (DuplicateSerialException expected) {
      return;
    }
    throw new IllegalStateException("a duplicate serial was not detected");
  }

  private String setting(String name) {
    return JdbcClient.create(dataSource)
        .sql("SELECT current_setting(?)")
        .param(name)
        .query(String.class)
        .single();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try {
      long certificates =
          JdbcClient.create(dataSource)
              .sql("SELECT count(*) FROM certificate")
              .query(Long.class)
              .single();
      System.out.printf("%n%s: %d certificates stored in %s%n", algorithm, certificates, schema);
      if (!Boolean.getBoolean("certhall.bench.keepSchema")) {
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    } finally {
      dataSource.close();
      hierarchy.close();
    }
  }

  /** One organization certificate, its reservation and itself stored in PostgreSQL. */
  @Benchmark
  public IssuedCertificate issueStoredPostgres() {
    return hierarchy.issuing.issue(hierarchy.request);
  }
}
