package cn.certhall.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases every database test runs on. H2 in memory; PostgreSQL from
 * CERTHALL_TEST_POSTGRES_URL if set, else the server at 127.0.0.1:5432 (database test) when one
 * answers, else an embedded PostgreSQL started for this JVM. Each test gets a fresh schema, so runs
 * never see each other's rows.
 */
public final class TestDatabases {
  private static Server postgres;

  private TestDatabases() {}

  public enum Kind {
    H2,
    POSTGRESQL
  }

  /** Connection settings for a fresh, empty database or schema. */
  public record Target(Kind kind, String url, String user, String password) {
    public DataSource dataSource() {
      return new DriverManagerDataSource(url, user, password);
    }

    public DataSource migrated() {
      DataSource ds = dataSource();
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      return ds;
    }
  }

  public static List<Kind> kinds() {
    return List.of(Kind.H2, Kind.POSTGRESQL);
  }

  public static Target fresh(Kind kind) {
    return kind == Kind.H2 ? freshH2() : freshPostgres();
  }

  public static Target freshH2() {
    return new Target(Kind.H2, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  public static Target freshPostgres() {
    Server server = postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(server.url, server.user, server.password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema on " + server.url, e);
    }
    String url = server.url + (server.url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new Target(Kind.POSTGRESQL, url, server.user, server.password);
  }

  private record Server(String url, String user, String password) {}

  private static synchronized Server postgres() {
    if (postgres != null) {
      return postgres;
    }
    String configured = System.getenv("CERTHALL_TEST_POSTGRES_URL");
    if (configured != null && !configured.isBlank()) {
      postgres =
          new Server(
              configured,
              System.getenv().getOrDefault("CERTHALL_TEST_POSTGRES_USER", "postgres"),
              System.getenv().getOrDefault("CERTHALL_TEST_POSTGRES_PASSWORD", ""));
      return postgres;
    }
    Server local =
        new Server("jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2", "postgres", "");
    if (!"embedded".equals(System.getenv("CERTHALL_TEST_POSTGRES")) && answers(local)) {
      postgres = local;
      return postgres;
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException ignored) {
                      // the JVM is going away; the temporary cluster directory goes with it
                    }
                  }));
      postgres = new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static boolean answers(Server server) {
    try (Connection c = DriverManager.getConnection(server.url, server.user, server.password)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Which PostgreSQL the tests use, for the test log. */
  public static String describePostgres() {
    return postgres().url;
  }
}
