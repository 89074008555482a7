package cn.certhall.app.persistence;

import cn.certhall.domain.verification.CodeChannel;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CodeStore;
import cn.certhall.domain.verification.StoredCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Codes in {@code verification_code}. Each change is one statement conditional on the salt and
 * wrong tries the caller read, which both databases apply atomically per row: of two concurrent
 * changes to the same code, one updates a row and the other none.
 */
public final class JdbcCodeStore implements CodeStore {
  private final JdbcClient jdbc;

  public JdbcCodeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<StoredCode> find(CodeKey key) {
    return jdbc.sql(
            "SELECT channel, salt, code_hash, issued_at, expires_at, wrong_tries"
                + " FROM verification_code WHERE purpose = ? AND subject = ?")
        .params(key.purpose().name(), key.subject())
        .query(
            (rs, n) ->
                new StoredCode(
                    key,
                    CodeChannel.valueOf(rs.getString("channel")),
                    rs.getString("salt"),
                    rs.getString("code_hash"),
                    rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("wrong_tries")))
        .optional();
  }

  @Override
  public boolean insert(StoredCode code) {
    try {
      // NOT EXISTS keeps the usual case free of a failed statement (which would abort an
      // enclosing PostgreSQL transaction); the primary key settles a race
      return jdbc.sql(
                  "INSERT INTO verification_code (purpose, subject, channel, salt, code_hash,"
                      + " issued_at, expires_at, wrong_tries) SELECT ?, ?, ?, ?, ?, ?, ?, ?"
                      + " WHERE NOT EXISTS (SELECT 1 FROM verification_code"
                      + " WHERE purpose = ? AND subject = ?)")
              .params(
                  code.key().purpose().name(),
                  code.key().subject(),
                  code.channel().name(),
                  code.salt(),
                  code.hash(),
                  DbTime.utc(code.issuedAt()),
                  DbTime.utc(code.expiresAt()),
                  code.wrongTries(),
                  code.key().purpose().name(),
                  code.key().subject())
              .update()
          == 1;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  @Override
  public boolean replace(StoredCode current, StoredCode next) {
    if (!current.key().equals(next.key())) {
      throw new IllegalArgumentException("a code replaces only a code of its own key");
    }
    return jdbc.sql(
                "UPDATE verification_code SET channel = ?, salt = ?, code_hash = ?, issued_at = ?,"
                    + " expires_at = ?, wrong_tries = ?"
                    + " WHERE purpose = ? AND subject = ? AND salt = ? AND wrong_tries = ?")
            .params(
                next.channel().name(),
                next.salt(),
                next.hash(),
                DbTime.utc(next.issuedAt()),
                DbTime.utc(next.expiresAt()),
                next.wrongTries(),
                current.key().purpose().name(),
                current.key().subject(),
                current.salt(),
                current.wrongTries())
            .update()
        == 1;
  }

  @Override
  public boolean remove(StoredCode current) {
    return jdbc.sql(
                "DELETE FROM verification_code"
                    + " WHERE purpose = ? AND subject = ? AND salt = ? AND wrong_tries = ?")
            .params(
                current.key().purpose().name(),
                current.key().subject(),
                current.salt(),
                current.wrongTries())
            .update()
        == 1;
  }

  /**
   * Deletes the codes that expired before {@code before}. One DELETE: on two nodes at once each row
   * goes once. @return how many
   */
  public int purgeExpiredBefore(Instant before) {
    return jdbc.sql("DELETE FROM verification_code WHERE expires_at < ?")
        .param(DbTime.utc(before))
        .update();
  }
}
