package cn.certhall.app.persistence;

import cn.certhall.domain.material.MaterialStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Material files in the shared database ({@code material_file}, V119), each under its SHA-256:
 * every node reads what any node stored, and the files are backed up with the orders they belong
 * to. Inserted once, never updated; the same bytes stored twice at once leave one row.
 */
public final class JdbcMaterialStore implements MaterialStore {
  private final JdbcClient jdbc;
  private final Clock clock;

  public JdbcMaterialStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String put(byte[] content) {
    String sha256 = MaterialStore.sha256(content);
    if (contains(sha256)) {
      return sha256;
    }
    try {
      jdbc.sql(
              "INSERT INTO material_file (sha256, size_bytes, content, stored_at) VALUES (?, ?, ?, ?)")
          .params(sha256, content.length, content, DbTime.utc(clock.instant()))
          .update();
    } catch (DuplicateKeyException raced) {
      // the same bytes arrived twice at once: either row is the file
    }
    return sha256;
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT content FROM material_file WHERE sha256 = ?")
        .param(sha256)
        .query((rs, row) -> (InputStream) new ByteArrayInputStream(rs.getBytes(1)))
        .optional();
  }

  /** Whether a file with this hash is stored. */
  public boolean contains(String sha256) {
    return jdbc.sql("SELECT count(*) FROM material_file WHERE sha256 = ?")
            .param(sha256)
            .query(Long.class)
            .single()
        > 0;
  }
}
