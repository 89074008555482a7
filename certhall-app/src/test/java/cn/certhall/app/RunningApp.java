package cn.certhall.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started as the README's run command starts it, on a data directory and a database
 * of the test's own, on a free port that is also its public URL (so the CRL and OCSP URLs in its
 * certificates point at it).
 */
public final class RunningApp implements AppNode, AutoCloseable {
  private final ConfigurableApplicationContext context;
  private final int port;
  private final int managementPort;

  private RunningApp(ConfigurableApplicationContext context, int port, int managementPort) {
    this.context = context;
    this.port = port;
    this.managementPort = managementPort;
  }

  public static RunningApp start(TestDatabases.Target db, Path dataDir, Map<String, String> extra) {
    return start(db, dataDir, extra, null);
  }

  /**
   * As {@link #start(TestDatabases.Target, Path, Map)}, the whole application on {@code clock}
   * (every bean that reads the time, certificates included), or on the system clock when null.
   */
  public static RunningApp start(
      TestDatabases.Target db, Path dataDir, Map<String, String> extra, Clock clock) {
    int port = freePort();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.port", String.valueOf(port));
    // health and metrics on a free port of their own, as the default 8081 would clash between apps
    p.put("management.server.port", String.valueOf(freePort()));
    p.put("certhall.public-url", "http://127.0.0.1:" + port);
    p.put("certhall.data-dir", dataDir.toString());
    p.put("spring.datasource.url", db.url());
    p.put("spring.datasource.username", db.user());
    p.put("spring.datasource.password", db.password());
    // the daily SMS caps are attacked in SmsCapsTest; elsewhere fixtures send many codes to one
    // mobile from one address, so the caps stand aside unless a test sets them
    p.put("certhall.limits.sms.per-mobile", "100000");
    p.put("certhall.limits.sms.per-subject", "100000");
    p.put("certhall.limits.sms.per-address", "100000");
    p.putAll(extra);
    // command-line arguments outrank application.yml (builder properties would only be defaults)
    String[] args =
        p.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    SpringApplicationBuilder builder = new SpringApplicationBuilder(CerthallApplication.class);
    if (clock != null) {
      builder.initializers(
          context -> context.getBeanFactory().registerSingleton("testClock", clock));
    }
    return new RunningApp(
        builder.run(args), port, Integer.parseInt(p.get("management.server.port")));
  }

  public static TestDatabases.Target h2File(Path dataDir) {
    return new TestDatabases.Target(
        TestDatabases.Kind.H2, "jdbc:h2:file:" + dataDir.resolve("certhall"), "sa", "");
  }

  public static TestDatabases.Target database(TestDatabases.Kind kind, Path dataDir) {
    return kind == TestDatabases.Kind.H2 ? h2File(dataDir) : TestDatabases.freshPostgres();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return port;
  }

  @Override
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A URL on the management port (health, metrics), e.g. {@code /actuator/health/readiness}. */
  public String managementUrl(String path) {
    return "http://127.0.0.1:" + managementPort + path;
  }

  @Override
  public void close() {
    context.close();
  }
}
