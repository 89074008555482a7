package cn.certhall.app.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of its own to PostgreSQL, LISTENing on {@link RevocationNotices#CHANNEL} on a
 * thread of its own, handing each notice to {@link Sink#revoked} as it arrives (the driver's {@code
 * getNotifications(timeout)}). Not a connection of the pool: it is held for the node's life, and
 * the pool's are lent out and taken back.
 *
 * <p>When the connection drops (server restart, network, an administrator's {@code
 * pg_terminate_backend}) it reconnects every {@code retry}; each time it is connected it first
 * LISTENs and then calls {@link Sink#listening}, where the caller catches up on what was revoked
 * meanwhile: a notice sent after the LISTEN arrives, one sent before it is in the catch-up, so
 * nothing falls between.
 */
public final class RevocationListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

  /** How long one wait for notices blocks: also how soon {@link #close} is heard. */
  private static final int WAIT_MILLIS = 500;

  /**
   * A peer that vanished without closing the connection shows no error while we only wait; a
   * statement this often finds out.
   */
  private static final long CHECK_NANOS = Duration.ofSeconds(10).toNanos();

  /** What the listener tells. Both are called on the listener's thread. */
  public interface Sink {
    /** Connected and LISTENing (again): catch up on what was revoked since the last one seen. */
    void listening();

    void revoked(RevocationNotices.Notice notice);
  }

  private final String url;
  private final Properties connectionProperties;
  private final Duration retry;
  private final Sink sink;
  private volatile boolean running;
  private volatile int backendPid;
  private Thread thread;

  public RevocationListener(String url, String user, String password, Duration retry, Sink sink) {
    this.url = url;
    this.retry = retry;
    this.sink = sink;
    connectionProperties = new Properties();
    connectionProperties.setProperty("user", user == null ? "" : user);
    connectionProperties.setProperty("password", password == null ? "" : password);
    // seen in pg_stat_activity for what it is
    connectionProperties.setProperty("ApplicationName", "certhall revocation listener");
    connectionProperties.setProperty("tcpKeepAlive", "true");
  }

  public synchronized RevocationListener start() {
    if (thread == null) {
      running = true;
      thread = new Thread(this::run, "ocsp-revocation-listener");
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  /** The server process of the LISTENing connection, 0 while there is none: for monitoring. */
  public int backendPid() {
    return backendPid;
  }

  private void run() {
    while (running) {
      try (Connection connection = DriverManager.getConnection(url, connectionProperties)) {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + RevocationNotices.CHANNEL);
        }
        backendPid = pg.getBackendPID();
        log.info(
            "listening for revocations on {} (server process {})",
            RevocationNotices.CHANNEL,
            backendPid);
        sink.listening();
        listen(connection, pg);
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("revocation listener: {}; connecting again in {}", e.toString(), retry);
        }
      } finally {
        backendPid = 0;
      }
      pause();
    }
  }

  private void listen(Connection connection, PGConnection pg) throws SQLException {
    long lastCheck = System.nanoTime();
    while (running) {
      PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
      if (notices != null) {
        for (PGNotification notice : notices) {
          RevocationNotices.parse(notice.getParameter())
              .ifPresentOrElse(
                  sink::revoked,
                  () ->
                      log.warn(
                          "revocation listener: a notice not ours: {}", notice.getParameter()));
        }
      }
      if (System.nanoTime() - lastCheck > CHECK_NANOS) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT 1");
        }
        lastCheck = System.nanoTime();
      }
    }
  }

  private void pause() {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(retry.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
