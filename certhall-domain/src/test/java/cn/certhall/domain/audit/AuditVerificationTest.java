package cn.certhall.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain's encoding and the verification, on a list instead of a database. */
class AuditVerificationTest {
  static final Instant AT = Instant.parse("2027-06-15T02:30:00.123Z");

  /** A log kept in a list, with its head. */
  static final class ListLog implements AuditLog, AuditRecords {
    final List<AuditEntry> entries = new ArrayList<>();
    Head head = new Head(0, AuditChain.GENESIS);

    @Override
    public void record(AuditEvent event) {
      AuditEntry entry = AuditEntry.next(head.sequence() + 1, AT, event, head.hash());
      entries.add(entry);
      head = new Head(entry.sequence(), entry.hash());
    }

    @Override
    public List<AuditEntry> after(long afterSequence, int limit) {
      return entries.stream().filter(e -> e.sequence() > afterSequence).limit(limit).toList();
    }

    @Override
    public Head head() {
      return head;
    }

    @Override
    public List<AuditEntry> about(String subject) {
      return entries.stream().filter(e -> e.subject().equals(subject)).toList();
    }
  }

  static ListLog log(int n) {
    ListLog log = new ListLog();
    for (int i = 1; i <= n; i++) {
      log.record(Actor.SYSTEM, AuditAction.CRL_ISSUED, "ca-" + i, "#" + i);
    }
    return log;
  }

  @Test
  void theHashCoversEveryFieldAndKeepsFieldsApart() {
    String base = AuditChain.hash(AuditChain.GENESIS, 1, AT, "system", "CRL_ISSUED", "ab", "c");

    assertThat(base)
        .matches("[0-9a-f]{64}")
        .isEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, AT, "system", "CRL_ISSUED", "ab", "c"));
    assertThat(
            List.of(
                AuditChain.hash("1".repeat(64), 1, AT, "system", "CRL_ISSUED", "ab", "c"),
                AuditChain.hash(AuditChain.GENESIS, 2, AT, "system", "CRL_ISSUED", "ab", "c"),
                AuditChain.hash(
                    AuditChain.GENESIS, 1, AT.plusMillis(1), "system", "CRL_ISSUED", "ab", "c"),
                AuditChain.hash(AuditChain.GENESIS, 1, AT, "applicant", "CRL_ISSUED", "ab", "c"),
                AuditChain.hash(AuditChain.GENESIS, 1, AT, "system", "KEY_GENERATED", "ab", "c"),
                AuditChain.hash(AuditChain.GENESIS, 1, AT, "system", "CRL_ISSUED", "a", "bc")))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void anIntactChainOfMoreThanOnePageVerifies() {
    ListLog log = log(AuditVerification.PAGE + 5);

    AuditVerification.Result result = new AuditVerification(log).verify();

    assertThat(result.intact()).isTrue();
    assertThat(result.entries()).isEqualTo(AuditVerification.PAGE + 5);
  }

  @Test
  void anEmptyLogVerifies() {
    assertThat(new AuditVerification(new ListLog()).verify().intact()).isTrue();
  }

  @Test
  void aChangedEntryIsNamed() {
    ListLog log = log(4);
    AuditEntry e = log.entries.get(1);
    log.entries.set(
        1,
        new AuditEntry(
            e.sequence(),
            e.at(),
            e.actor(),
            e.action(),
            e.subject(),
            "#20",
            e.previousHash(),
            e.hash()));

    AuditVerification.Result result = new AuditVerification(log).verify();

    assertThat(result.problems())
        .extracting(AuditVerification.Problem::kind, AuditVerification.Problem::sequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditVerification.ProblemKind.HASH_MISMATCH, 2L));
  }

  @Test
  void aCutOffEndDisagreesWithTheHead() {
    ListLog log = log(4);
    log.entries.remove(3);

    assertThat(new AuditVerification(log).verify().problems())
        .extracting(AuditVerification.Problem::kind)
        .containsExactly(AuditVerification.ProblemKind.HEAD_MISMATCH);
  }

  @Test
  void detailsAreCutToTheirLimit() {
    AuditEvent event = new AuditEvent(Actor.SYSTEM, AuditAction.CRL_ISSUED, "x", "长".repeat(3000));

    assertThat(event.details()).hasSize(AuditEvent.MAX_DETAILS).endsWith("…");
  }
}
