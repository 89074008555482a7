package cn.certhall.domain.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the audit chain from its first entry to the head: every entry's hash is computed again,
 * every entry must follow the one before (next sequence number, its hash as previous hash), and the
 * last entry must be the head the log recorded. An edited row fails its own hash; a deleted row
 * leaves a gap and a broken link; an inserted row breaks a link or, added at the end, disagrees
 * with the head. Reads the chain in pages, so the log may be of any length.
 */
public final class AuditVerification {
  static final int PAGE = 1000;

  /** Problems listed at most; the count goes on. */
  static final int MAX_LISTED = 100;

  private final AuditRecords records;

  public AuditVerification(AuditRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /** What is wrong at one place in the chain. */
  public enum ProblemKind {
    /** The entry's fields do not give its stored hash: the row was changed. */
    HASH_MISMATCH,
    /**
     * The entry does not point at the hash of the entry before it: a row was inserted or removed.
     */
    BROKEN_LINK,
    /** The sequence number does not follow: a row was inserted or removed. */
    SEQUENCE_GAP,
    /** The last entry is not the head the log recorded: the end was cut off or added to. */
    HEAD_MISMATCH
  }

  public record Problem(ProblemKind kind, long sequence, String description) {}

  /**
   * @param entries how many entries were read
   * @param problems the first {@link #MAX_LISTED} problems, in chain order
   * @param problemCount all problems found
   */
  public record Result(
      long entries, AuditRecords.Head head, List<Problem> problems, long problemCount) {
    public boolean intact() {
      return problemCount == 0;
    }
  }

  public Result verify() {
    // The head is read before and after the chain: entries appended meanwhile lie beyond the
    // first reading and within the second; an entry beyond the second was never appended.
    AuditRecords.Head before = records.head();
    List<Problem> problems = new ArrayList<>();
    long[] count = {0};
    long expectedSequence = 1;
    String previousHash = AuditChain.GENESIS;
    boolean headSeen = before.sequence() == 0 && before.hash().equals(AuditChain.GENESIS);
    long read = 0;
    long after = 0;
    while (true) {
      List<AuditEntry> page = records.after(after, PAGE);
      for (AuditEntry entry : page) {
        read++;
        if (entry.sequence() != expectedSequence) {
          add(
              problems,
              count,
              ProblemKind.SEQUENCE_GAP,
              entry.sequence(),
              "expected entry " + expectedSequence + ", found " + entry.sequence());
        }
        if (!entry.previousHash().equals(previousHash)) {
          add(
              problems,
              count,
              ProblemKind.BROKEN_LINK,
              entry.sequence(),
              "previous hash "
                  + entry.previousHash()
                  + " is not the hash "
                  + previousHash
                  + " of the entry before");
        }
        if (!entry.recomputedHash().equals(entry.hash())) {
          add(
              problems,
              count,
              ProblemKind.HASH_MISMATCH,
              entry.sequence(),
              "stored hash " + entry.hash() + " is not the hash of the entry's content");
        }
        if (entry.sequence() == before.sequence() && entry.hash().equals(before.hash())) {
          headSeen = true;
        }
        expectedSequence = entry.sequence() + 1;
        previousHash = entry.hash();
        after = entry.sequence();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    AuditRecords.Head afterwards = records.head();
    if (!headSeen) {
      add(
          problems,
          count,
          ProblemKind.HEAD_MISMATCH,
          before.sequence(),
          "the log's head, entry "
              + before.sequence()
              + " ("
              + before.hash()
              + "), is not in the chain: its end was cut off or changed");
    }
    if (after > afterwards.sequence()) {
      add(
          problems,
          count,
          ProblemKind.HEAD_MISMATCH,
          after,
          "the chain goes on to entry "
              + after
              + " beyond the log's head, entry "
              + afterwards.sequence()
              + ": entries were added behind the log's back");
    }
    return new Result(read, before, List.copyOf(problems), count[0]);
  }

  private static void add(
      List<Problem> problems, long[] count, ProblemKind kind, long sequence, String text) {
    count[0]++;
    if (problems.size() < MAX_LISTED) {
      problems.add(new Problem(kind, sequence, text));
    }
  }
}
