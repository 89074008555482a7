package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.CodeChannel;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeIssue;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.StoredCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The code store on H2 and PostgreSQL: its conditional changes, alone and under concurrency. */
class JdbcCodeStoreTest {
  static final CodeKey KEY = CodeKey.enterpriseVerification("CH20270615ABCDEFGHJKLM");
  static final Instant ISSUED = Instant.parse("2027-06-15T02:30:00.123Z");
  static final byte[] SECRET =
      "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8);
  static final int THREADS = 12;

  static JdbcCodeStore store(Kind kind) {
    return new JdbcCodeStore(JdbcClient.create(TestDatabases.fresh(kind).migrated()));
  }

  static StoredCode code(String salt, int wrongTries) {
    return new StoredCode(
        KEY,
        CodeChannel.TRANSFER_REMARK,
        salt,
        "ab".repeat(32),
        ISSUED,
        ISSUED.plus(Duration.ofDays(7)),
        wrongTries);
  }

  static AuthorizationCodes codes(JdbcCodeStore store) {
    return new AuthorizationCodes(
        store,
        SECRET,
        CodePolicy.SMS_DEFAULT,
        CodePolicy.TRANSFER_REMARK_DEFAULT,
        Clock.systemUTC(),
        new SecureRandom());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stores_and_reads_a_code_to_the_millisecond(Kind kind) {
    JdbcCodeStore store = store(kind);
    StoredCode code = code("0".repeat(32), 0);

    assertThat(store.find(KEY)).isEmpty();
    assertThat(store.insert(code)).isTrue();
    assertThat(store.find(KEY)).contains(code);
    assertThat(store.find(CodeKey.applicationSignature(KEY.subject()))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_key_has_one_code(Kind kind) {
    JdbcCodeStore store = store(kind);
    store.insert(code("0".repeat(32), 0));

    assertThat(store.insert(code("1".repeat(32), 0))).isFalse();
    assertThat(store.find(KEY).orElseThrow().salt()).isEqualTo("0".repeat(32));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void changes_apply_only_to_the_code_as_it_was_read(Kind kind) {
    JdbcCodeStore store = store(kind);
    StoredCode first = code("0".repeat(32), 0);
    store.insert(first);
    StoredCode tried = code("0".repeat(32), 1);

    assertThat(store.replace(first, tried)).isTrue();
    assertThat(store.replace(first, code("0".repeat(32), 2))).as("stale wrong tries").isFalse();
    assertThat(store.remove(first)).as("stale wrong tries").isFalse();
    assertThat(store.remove(code("1".repeat(32), 1))).as("another code of the key").isFalse();
    assertThat(store.find(KEY)).contains(tried);

    StoredCode replacement = code("2".repeat(32), 0);
    assertThat(store.replace(tried, replacement)).isTrue();
    assertThat(store.replace(tried, code("3".repeat(32), 0))).as("replaced already").isFalse();
    assertThat(store.remove(replacement)).isTrue();
    assertThat(store.find(KEY)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrent_wrong_entries_spend_each_try_once(Kind kind) throws Exception {
    JdbcCodeStore store = store(kind);
    AuthorizationCodes codes = codes(store);
    String code = codes.issue(KEY, CodeChannel.SMS).code().digits();
    String wrong = code.equals("000000") ? "000001" : "000000";

    List<CodeCheck> checks = all(() -> codes.verify(KEY, wrong));

    Map<CodeCheck, Long> counted = count(checks);
    assertThat(counted)
        .containsEntry(new CodeCheck(CodeCheck.Status.WRONG, 4), 1L)
        .containsEntry(new CodeCheck(CodeCheck.Status.WRONG, 3), 1L)
        .containsEntry(new CodeCheck(CodeCheck.Status.WRONG, 2), 1L)
        .containsEntry(new CodeCheck(CodeCheck.Status.WRONG, 1), 1L)
        .containsEntry(new CodeCheck(CodeCheck.Status.LOCKED, 0), (long) THREADS - 4);
    assertThat(store.find(KEY).orElseThrow().wrongTries()).isEqualTo(5);
    assertThat(codes.verify(KEY, code).status()).isEqualTo(CodeCheck.Status.LOCKED);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void of_concurrent_right_entries_one_passes(Kind kind) throws Exception {
    JdbcCodeStore store = store(kind);
    AuthorizationCodes codes = codes(store);
    String code = codes.issue(KEY, CodeChannel.SMS).code().digits();

    Map<CodeCheck, Long> counted = count(all(() -> codes.verify(KEY, code)));

    assertThat(counted)
        .containsOnly(
            Map.entry(new CodeCheck(CodeCheck.Status.OK, 0), 1L),
            Map.entry(new CodeCheck(CodeCheck.Status.NONE, 0), (long) THREADS - 1));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void of_concurrent_requests_for_a_code_one_gets_it(Kind kind) throws Exception {
    AuthorizationCodes codes = codes(store(kind));

    Map<CodeIssue.Status, Long> counted =
        all(() -> codes.issue(KEY, CodeChannel.SMS)).stream()
            .collect(Collectors.groupingBy(CodeIssue::status, Collectors.counting()));

    assertThat(counted)
        .containsOnly(
            Map.entry(CodeIssue.Status.ISSUED, 1L),
            Map.entry(CodeIssue.Status.COOLDOWN, (long) THREADS - 1));
  }

  private static Map<CodeCheck, Long> count(List<CodeCheck> checks) {
    return checks.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** Runs the task on {@link #THREADS} threads released at once. */
  private static <T> List<T> all(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
