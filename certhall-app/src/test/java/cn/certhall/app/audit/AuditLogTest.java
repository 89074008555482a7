package cn.certhall.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditChain;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.audit.AuditVerification;
import cn.certhall.domain.audit.AuditVerification.ProblemKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain on H2 and PostgreSQL: what an attacker with write access to the tables does to it
 * — edit a row, insert one, delete one — is found by the verification and by the command.
 */
class AuditLogTest {
  static final int ENTRIES = 5;

  record Setup(
      TestDatabases.Target target, JdbcClient jdbc, JdbcAuditLog log, TransactionTemplate tx) {
    AuditVerification.Result verify() {
      return new AuditVerification(log).verify();
    }

    List<ProblemKind> problems() {
      return verify().problems().stream().map(AuditVerification.Problem::kind).toList();
    }

    AuditEntry entry(long seq) {
      return log.after(seq - 1, 1).get(0);
    }
  }

  static Setup setup(Kind kind, int entries) {
    TestDatabases.Target target = TestDatabases.fresh(kind);
    DataSource ds = target.migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    JdbcAuditLog log = new JdbcAuditLog(jdbc, tx, Clock.systemUTC());
    for (int i = 1; i <= entries; i++) {
      log.record(
          Actor.operator("reviewer"), AuditAction.ORDER_STATUS_CHANGED, "CH" + i, "A → B " + i);
    }
    return new Setup(target, jdbc, log, tx);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anUntouchedChainVerifies(Kind kind) {
    Setup s = setup(kind, ENTRIES);

    AuditVerification.Result result = s.verify();

    assertThat(result.intact()).isTrue();
    assertThat(result.entries()).isEqualTo(ENTRIES);
    assertThat(result.head().sequence()).isEqualTo(ENTRIES);
    assertThat(s.entry(1).previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(s.entry(2).previousHash()).isEqualTo(s.entry(1).hash());
    assertThat(s.entry(3).actor()).isEqualTo("operator:reviewer");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEditedRowIsFound(Kind kind) {
    Setup s = setup(kind, ENTRIES);

    s.jdbc.sql("UPDATE audit_log SET details = 'A → C 3' WHERE seq = 3").update();

    assertThat(s.problems()).containsExactly(ProblemKind.HASH_MISMATCH);
    assertThat(s.verify().problems().get(0).sequence()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEditedRowWithItsHashRecomputedBreaksTheNextLink(Kind kind) {
    Setup s = setup(kind, ENTRIES);
    AuditEntry e = s.entry(3);
    String forged =
        AuditChain.hash(
            e.previousHash(),
            3,
            e.at(),
            "operator:someone-else",
            e.action(),
            e.subject(),
            e.details());

    s.jdbc
        .sql("UPDATE audit_log SET actor = 'operator:someone-else', hash = ? WHERE seq = 3")
        .param(forged)
        .update();

    assertThat(s.problems()).containsExactly(ProblemKind.BROKEN_LINK);
    assertThat(s.verify().problems().get(0).sequence()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDeletedRowIsFound(Kind kind) {
    Setup s = setup(kind, ENTRIES);

    s.jdbc.sql("DELETE FROM audit_log WHERE seq = 2").update();

    assertThat(s.problems()).containsExactly(ProblemKind.SEQUENCE_GAP, ProblemKind.BROKEN_LINK);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDeletedLastRowIsFoundByTheHead(Kind kind) {
    Setup s = setup(kind, ENTRIES);

    s.jdbc.sql("DELETE FROM audit_log WHERE seq = ?").param(ENTRIES).update();

    assertThat(s.problems()).containsExactly(ProblemKind.HEAD_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRowInsertedInTheMiddleIsFound(Kind kind) {
    Setup s = setup(kind, ENTRIES);
    // make room after entry 2 and insert a well-formed entry chained to it
    for (long seq = ENTRIES; seq >= 3; seq--) {
      s.jdbc.sql("UPDATE audit_log SET seq = ? WHERE seq = ?").params(seq + 1, seq).update();
    }
    String intruder = insertedHash(s.entry(2).hash(), 3, "operator:intruder");
    // the unique previous hash refuses a second entry after entry 2: re-point the old one first
    s.jdbc.sql("UPDATE audit_log SET previous_hash = ? WHERE seq = 4").param(intruder).update();
    insert(s, 3, s.entry(2).hash(), "operator:intruder");

    // every link holds now, but each shifted entry was hashed under its old number
    AuditVerification.Problem first = s.verify().problems().get(0);
    assertThat(first.kind()).isEqualTo(ProblemKind.HASH_MISMATCH);
    assertThat(first.sequence()).isEqualTo(4);
    assertThat(s.problems()).doesNotContain(ProblemKind.BROKEN_LINK, ProblemKind.SEQUENCE_GAP);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRowAppendedBehindTheLogsBackIsFound(Kind kind) {
    Setup s = setup(kind, ENTRIES);

    insert(s, ENTRIES + 1, s.entry(ENTRIES).hash(), "operator:intruder");

    assertThat(s.problems()).containsExactly(ProblemKind.HEAD_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentAppendsKeepOneChain(Kind kind) throws Exception {
    Setup s = setup(kind, 0);
    int threads = 8;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < each; i++) {
                  s.log.record(Actor.SYSTEM, AuditAction.CRL_ISSUED, "t" + thread, "#" + i);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    AuditVerification.Result result = s.verify();
    assertThat(result.problems()).isEmpty();
    assertThat(result.entries()).isEqualTo(threads * each);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEntryIsKeptOnlyWithTheTransactionItBelongsTo(Kind kind) {
    Setup s = setup(kind, 2);

    try {
      s.tx.executeWithoutResult(
          status -> {
            s.log.record(Actor.SYSTEM, AuditAction.CRL_ISSUED, "rolled-back", "");
            throw new IllegalStateException("the change fails after its entry");
          });
    } catch (IllegalStateException expected) {
      // the entry must go with the change
    }
    s.log.record(Actor.SYSTEM, AuditAction.CRL_ISSUED, "kept", "");

    assertThat(s.verify().intact()).isTrue();
    assertThat(s.verify().entries()).isEqualTo(3);
    assertThat(s.log.about("rolled-back")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theCommandExitsZeroForAnIntactLogAndOneForATamperedOne(Kind kind) {
    Setup s = setup(kind, ENTRIES);
    String[] args = {
      "--certhall.audit.verify",
      "--spring.datasource.url=" + s.target.url(),
      "--spring.datasource.username=" + s.target.user(),
      "--spring.datasource.password=" + s.target.password()
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(AuditVerifyCommand.requested(args)).isTrue();
    assertThat(AuditVerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit log intact: 5 entries");

    s.jdbc.sql("UPDATE audit_log SET subject = 'CH9' WHERE seq = 4").update();
    out.reset();
    assertThat(AuditVerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("TAMPERED")
        .contains("#4 HASH_MISMATCH");
  }

  static final Instant FORGED_AT = Instant.parse("2027-01-01T00:00:00Z");

  private static String insertedHash(String previousHash, long seq, String actor) {
    return AuditChain.hash(previousHash, seq, FORGED_AT, actor, "REVIEW_APPROVED", "CH-forged", "");
  }

  /** A well-formed entry, hashed as the log would have, chained to {@code previousHash}. */
  private static void insert(Setup s, long seq, String previousHash, String actor) {
    Instant at = FORGED_AT;
    String hash = insertedHash(previousHash, seq, actor);
    s.jdbc
        .sql(
            "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details,"
                + " previous_hash, hash) VALUES (?, ?, ?, 'REVIEW_APPROVED', 'CH-forged', '', ?, ?)")
        .params(seq, at.atOffset(java.time.ZoneOffset.UTC), actor, previousHash, hash)
        .update();
  }
}
