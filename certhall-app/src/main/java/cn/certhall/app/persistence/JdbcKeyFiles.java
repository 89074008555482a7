package cn.certhall.app.persistence;

import cn.certhall.pki.keystore.KeyFiles;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The software key store's files in the shared database ({@code software_key}, V120): a key one
 * node generates is read by every other when first asked for. The rows hold PKCS#12 files encrypted
 * under the key store's passphrase, which the database never sees; inserted once, never updated.
 */
public final class JdbcKeyFiles implements KeyFiles {
  private final JdbcClient jdbc;

  public JdbcKeyFiles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<byte[]> read(String name) {
    return jdbc.sql("SELECT content FROM software_key WHERE name = ?")
        .param(name)
        .query((rs, row) -> rs.getBytes(1))
        .optional();
  }

  @Override
  public boolean exists(String name) {
    return jdbc.sql("SELECT count(*) FROM software_key WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public boolean writeNew(String name, byte[] content) {
    try {
      return jdbc.sql(
                  "INSERT INTO software_key (name, content, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
              .params(name, content)
              .update()
          == 1;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  @Override
  public boolean isEmpty() {
    return jdbc.sql("SELECT count(*) FROM software_key").query(Long.class).single() == 0;
  }

  @Override
  public String description() {
    return "database table software_key";
  }
}
