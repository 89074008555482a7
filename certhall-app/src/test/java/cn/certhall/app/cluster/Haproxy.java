package cn.certhall.app.cluster;

import cn.certhall.app.AppNode;
import cn.certhall.pki.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the nodes, configured as deploy/haproxy.cfg (round robin, no sticky
 * sessions, each node's readiness checked on its management port, a request whose node is gone sent
 * to another) on a free port of 127.0.0.1. Each answer names the node that gave it in the header
 * {@value #SERVED_BY}.
 */
public final class Haproxy implements AppNode, AutoCloseable {
  /** The answer's header that names the node (the node's {@link AppProcess#name()}). */
  public static final String SERVED_BY = "X-Served-By";

  private final Process process;
  private final int port;
  private final Path log;

  private Haproxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static Haproxy start(Path dir, List<AppProcess> nodes) {
    ExternalTool.require("haproxy");
    int port = AppProcess.freePort();
    StringBuilder config =
        new StringBuilder(
            """
            global
                maxconn 1024

            defaults
                mode http
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                timeout http-request 30s
                # a request whose node refuses the connection goes to another node
                retries 3
                option redispatch

            frontend public
            """);
    config.append("    bind 127.0.0.1:").append(port).append('\n');
    config.append(
        """
            option forwardfor
            http-request deny deny_status 404 if { path_beg /actuator }
            default_backend certhall

        backend certhall
            balance roundrobin
            option httpchk GET /actuator/health/readiness
            http-check expect status 200
            http-response set-header X-Served-By %[srv_name]
        """);
    for (AppProcess node : nodes) {
      config
          .append("    server ")
          .append(node.name())
          .append(" 127.0.0.1:")
          .append(node.port())
          .append(" check port ")
          .append(node.managementPort())
          .append(" inter 500ms fall 1 rise 1\n");
    }
    try {
      Files.createDirectories(dir);
      Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config);
      Path log = dir.resolve("haproxy.log");
      Process process =
          new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Haproxy balancer = new Haproxy(process, port, log);
      balancer.awaitServing(Duration.ofSeconds(30));
      return balancer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitServing(Duration limit) throws IOException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("haproxy exited: " + Files.readString(log));
      }
      if (AppProcess.status(url("/ca")) == 200) {
        return;
      }
      AppProcess.sleep(100);
    }
    throw new IllegalStateException(
        "haproxy not serving within " + limit + ": " + Files.readString(log));
  }

  @Override
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
