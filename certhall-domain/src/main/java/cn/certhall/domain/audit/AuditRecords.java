package cn.certhall.domain.audit;

import java.util.List;

/** Port: reads the stored chain back for {@link AuditVerification}. */
public interface AuditRecords {

  /**
   * Up to {@code limit} entries with a sequence number above {@code afterSequence}, in ascending
   * order of sequence number.
   */
  List<AuditEntry> after(long afterSequence, int limit);

  /**
   * The head the log keeps beside the chain: the sequence number and hash of the last entry
   * appended (0 and {@link AuditChain#GENESIS} when empty). A deleted last entry, or one added
   * behind the log's back, disagrees with it.
   */
  Head head();

  /** The entries about one subject (an order number, "ca/serial"), oldest first. */
  List<AuditEntry> about(String subject);

  record Head(long sequence, String hash) {}
}
