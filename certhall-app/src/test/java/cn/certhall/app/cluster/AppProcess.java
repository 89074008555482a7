package cn.certhall.app.cluster;

import cn.certhall.app.AppNode;
import cn.certhall.app.CerthallApplication;
import cn.certhall.app.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of the application as a JVM of its own, started as {@code java -jar} would start it (the
 * test's class path stands in for the jar), so that a test can do to it what happens to a real
 * node: kill it with SIGKILL (no shutdown hook, no rollback by the app) or pause it with SIGSTOP.
 * Its output goes to {@code <name>.log} in the given directory.
 */
public final class AppProcess implements AppNode, AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path log;

  private AppProcess(String name, Process process, int port, int managementPort, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  /**
   * Starts a node on the database and data directory given and waits until it reports ready.
   *
   * @param settings more {@code --key=value} arguments (they outrank application.yml)
   */
  public static AppProcess start(
      String name, TestDatabases.Target db, Path dataDir, Map<String, String> settings) {
    int port = freePort();
    int managementPort = freePort();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.port", String.valueOf(port));
    p.put("management.server.port", String.valueOf(managementPort));
    p.put("certhall.public-url", "http://127.0.0.1:" + port);
    p.put("certhall.data-dir", dataDir.toString());
    p.put("spring.datasource.url", db.url());
    p.put("spring.datasource.username", db.user());
    p.put("spring.datasource.password", db.password());
    p.put("certhall.limits.sms.per-mobile", "100000");
    p.put("certhall.limits.sms.per-subject", "100000");
    p.put("certhall.limits.sms.per-address", "100000");
    p.putAll(settings);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CerthallApplication.class.getName());
    p.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path log = dataDir.resolve(name + ".log");
    try {
      Files.createDirectories(dataDir);
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // the environment is inherited: under a date sweep (libfaketime) the node's clock is faked
      // too
      AppProcess node = new AppProcess(name, builder.start(), port, managementPort, log);
      node.awaitReady(Duration.ofMinutes(3));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "\n" + tail());
      }
      if (status(managementUrl("/actuator/health/readiness")) == 200) {
        return;
      }
      sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " not ready within " + limit + "\n" + tail());
  }

  /** The HTTP status of a GET, or -1 when nothing answers. */
  public static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public int managementPort() {
    return managementPort;
  }

  @Override
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public String managementUrl(String path) {
    return "http://127.0.0.1:" + managementPort + path;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP: the node stops where it is, holding what it holds (connections, leases, locks). */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT: the node goes on from where {@link #pause()} stopped it. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the node's output, for a failure's message. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return name
          + "'s log:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "no log of " + name;
    }
  }

  /** Stops the node as its service manager would (SIGTERM: a graceful shutdown). */
  @Override
  public void close() {
    if (process.isAlive()) {
      resume();
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
