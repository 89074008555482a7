package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.material.FileSystemMaterialStore;
import cn.certhall.domain.material.MaterialStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Material files in the database, as every node reads them (H2 and PostgreSQL). */
class JdbcMaterialStoreTest {
  @TempDir Path directory;

  static JdbcClient jdbc(DataSource ds) {
    return JdbcClient.create(ds);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFileStoredThroughOneNodeIsReadThroughAnotherByItsHash(Kind kind) throws Exception {
    TestDatabases.Target db = TestDatabases.fresh(kind);
    JdbcMaterialStore nodeA = new JdbcMaterialStore(jdbc(db.migrated()), Clock.systemUTC());
    JdbcMaterialStore nodeB = new JdbcMaterialStore(jdbc(db.dataSource()), Clock.systemUTC());
    byte[] content = "营业执照 scan".getBytes(StandardCharsets.UTF_8);

    String sha256 = nodeA.put(content);
    assertThat(sha256).isEqualTo(MaterialStore.sha256(content));
    try (InputStream in = nodeB.open(sha256).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(nodeB.put(content)).as("the same bytes again").isEqualTo(sha256);
    assertThat(rows(nodeA, db)).isEqualTo(1);
    assertThat(nodeB.open("0".repeat(64))).isEmpty();
    assertThat(nodeB.open("../../etc/passwd")).isEmpty();
    assertThat(nodeB.open(null)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSameFileStoredByEightRequestsAtOnceIsOneRowAndNoError(Kind kind) throws Exception {
    TestDatabases.Target db = TestDatabases.fresh(kind);
    db.migrated();
    byte[] content = new byte[200_000];
    new java.util.Random(7).nextBytes(content);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> puts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        JdbcMaterialStore node = new JdbcMaterialStore(jdbc(db.dataSource()), Clock.systemUTC());
        puts.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.put(content);
                }));
      }
      start.countDown();
      Set<String> hashes = new HashSet<>();
      for (Future<String> put : puts) {
        hashes.add(put.get());
      }
      assertThat(hashes).containsExactly(MaterialStore.sha256(content));
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows(new JdbcMaterialStore(jdbc(db.dataSource()), Clock.systemUTC()), db))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void filesAnOlderVersionLeftInTheDirectoryAreCopiedInOnce(Kind kind) throws Exception {
    TestDatabases.Target db = TestDatabases.fresh(kind);
    JdbcMaterialStore store = new JdbcMaterialStore(jdbc(db.migrated()), Clock.systemUTC());
    FileSystemMaterialStore old = new FileSystemMaterialStore(directory);
    String first = old.put("身份证正面".getBytes(StandardCharsets.UTF_8));
    String second = old.put("身份证反面".getBytes(StandardCharsets.UTF_8));

    assertThat(FileSystemMaterialStore.copyInto(directory, store, store::contains)).isEqualTo(2);
    assertThat(FileSystemMaterialStore.copyInto(directory, store, store::contains))
        .as("a second start copies nothing")
        .isZero();
    try (InputStream in = store.open(first).orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("身份证正面");
    }
    assertThat(store.contains(second)).isTrue();
    assertThat(FileSystemMaterialStore.copyInto(directory.resolve("none"), store, store::contains))
        .isZero();

    // a file whose bytes do not match its name is refused, not copied under a false hash
    Path forged = directory.resolve("ab").resolve("cd").resolve("abcd" + "0".repeat(60));
    Files.createDirectories(forged.getParent());
    Files.write(forged, "forged".getBytes(StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FileSystemMaterialStore.copyInto(directory, store, store::contains))
        .hasMessageContaining("does not match its name");
  }

  private static long rows(JdbcMaterialStore any, TestDatabases.Target db) {
    return jdbc(db.dataSource())
        .sql("SELECT count(*) FROM material_file")
        .query(Long.class)
        .single();
  }
}
