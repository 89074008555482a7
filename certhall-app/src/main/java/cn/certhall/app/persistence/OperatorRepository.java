package cn.certhall.app.persistence;

import java.time.Instant;
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
    CA_ADMIN,
    /** 财务: makes the corporate transfers by hand (/console/transfers) and sees nothing else. */
    FINANCE
  }

  public record Operator(String username, String passwordHash, Role role) {
    @Override
    public String toString() {
      return "Operator[" + username + ", " + role + "]";
    }
  }

  public Optional<Operator> find(String username) {
    return jdbc.sql("SELECT username, password_hash, role FROM operator WHERE username = ?")
        .param(username)
        .query(
            (rs, n) ->
                new Operator(
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    Role.valueOf(rs.getString("role"))))
        .optional();
  }

  /** All accounts by user name, for the administrator's page. */
  public List<Operator> all() {
    return jdbc
        .sql("SELECT username FROM operator ORDER BY username")
        .query(String.class)
        .list()
        .stream()
        .map(name -> find(name).orElseThrow())
        .toList();
  }

  /** A new password (reset by an administrator). @return whether the account exists */
  public boolean changePassword(String username, String passwordHash) {
    return jdbc.sql("UPDATE operator SET password_hash = ? WHERE username = ?")
            .params(passwordHash, username)
            .update()
        == 1;
  }

  public void insert(String username, String passwordHash, Role role) {
    jdbc.sql("INSERT INTO operator (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")
        .params(username, passwordHash, role.name(), DbTime.utc(Instant.now()))
        .update();
  }
}
