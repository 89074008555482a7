package cn.certhall.app.persistence;

import java.math.BigInteger;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notice a revocation sends to every node on PostgreSQL: {@code pg_notify} on {@link #CHANNEL}
 * with the payload {@code ca:serial} (serial in hex), in the revoking transaction, so PostgreSQL
 * delivers it to the listeners ({@link RevocationListener}) when that transaction commits, and
 * never for one rolled back. On H2 (one node) there is no one to tell.
 */
public final class RevocationNotices {
  /**
   * The channel every node LISTENs on; installations sharing a database hear each other harmlessly.
   */
  public static final String CHANNEL = "certhall_revocation";

  private final JdbcClient jdbc;
  private final boolean postgres;

  public RevocationNotices(JdbcClient jdbc, boolean postgres) {
    this.jdbc = jdbc;
    this.postgres = postgres;
  }

  /** Whether notices go out at all: only on PostgreSQL. */
  public boolean enabled() {
    return postgres;
  }

  /** Tells every node, at commit, that the certificate is revoked. */
  public void announce(String caName, BigInteger serial) {
    if (postgres) {
      // pg_notify returns void: read the row, use nothing
      jdbc.sql("SELECT pg_notify(?, ?)")
          .params(CHANNEL, payload(caName, serial))
          .query((RowCallbackHandler) rs -> {});
    }
  }

  public record Notice(String caName, BigInteger serial) {}

  static String payload(String caName, BigInteger serial) {
    return caName + ":" + serial.toString(16);
  }

  /** The notice in a payload, or empty for one that is not ours. */
  static Optional<Notice> parse(String payload) {
    int colon = payload == null ? -1 : payload.lastIndexOf(':');
    if (colon <= 0 || colon == payload.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Notice(
              payload.substring(0, colon), new BigInteger(payload.substring(colon + 1), 16)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
