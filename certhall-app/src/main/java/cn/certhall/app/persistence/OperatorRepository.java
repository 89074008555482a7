package cn.certhall.app.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Console operator accounts; passwords only as hashes. */
public final class OperatorRepository {
  private final JdbcClient jdbc;

  public OperatorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public enum Role {
    REVIEWER,
    CA_ADMIN
  }

  /**
   * @param failedLogins wrong passwords since the last good one
   * @param lockedUntil no sign-in before this; null when not locked
   */
  public record Operator(
      String username, String passwordHash, Role role, int failedLogins, Instant lockedUntil) {
    @Override
    public String toString() {
      return "Operator[" + username + ", " + role + "]";
    }
  }

  public Optional<Operator> find(String username) {
    return jdbc.sql(
            "SELECT username, password_hash, role, failed_logins, locked_until FROM operator"
                + " WHERE username = ?")
        .param(username)
        .query(
            (rs, n) -> {
              OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
              return new Operator(
                  rs.getString("username"),
                  rs.getString("password_hash"),
                  Role.valueOf(rs.getString("role")),
                  rs.getInt("failed_logins"),
                  locked == null ? null : locked.toInstant());
            })
        .optional();
  }

  /**
   * Counts a wrong password; the {@code maxFailures}-th in a row locks the account until
   * {@code lockUntil} and starts the count again. One statement, so concurrent attempts each count.
   */
  public void recordFailedLogin(String username, int maxFailures, Instant lockUntil) {
    jdbc.sql(
            "UPDATE operator SET"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END"
                + " WHERE username = ?")
        .params(maxFailures, JdbcIssuanceLedger.utc(lockUntil), maxFailures, username)
        .update();
  }

  public void recordGoodLogin(String username) {
    jdbc.sql("UPDATE operator SET failed_logins = 0, locked_until = NULL WHERE username = ?")
        .param(username)
        .update();
  }

  /** All accounts by user name, for the administrator's page. */
  public List<Operator> all() {
    return jdbc.sql("SELECT username FROM operator ORDER BY username")
        .query(String.class)
        .list()
        .stream()
        .map(name -> find(name).orElseThrow())
        .toList();
  }

  /** A new password (reset by an administrator); unlocks the account. @return whether it exists */
  public boolean changePassword(String username, String passwordHash) {
    return jdbc.sql(
                "UPDATE operator SET password_hash = ?, failed_logins = 0, locked_until = NULL"
                    + " WHERE username = ?")
            .params(passwordHash, username)
            .update()
        == 1;
  }

  public void insert(String username, String passwordHash, Role role) {
    jdbc.sql(
            "INSERT INTO operator (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")
        .params(username, passwordHash, role.name(), JdbcIssuanceLedger.utc(Instant.now()))
        .update();
  }
}
