package cn.certhall.domain.reminder;

import java.time.Instant;
import java.util.List;

/** Port: the organization certificates that may need a reminder, and the reminders sent. */
public interface ExpiringCertificates {

  /**
   * A certificate an order produced, still valid, neither revoked nor replaced by an issued renewal
   * or change.
   *
   * @param orderId the order that produced it: whose handler and administrator are told
   */
  record Expiring(String caName, String serialHex, Instant notAfter, String orderId) {}

  /** Such certificates whose end is after {@code now} and not after {@code until}. */
  List<Expiring> endingBetween(Instant now, Instant until);

  /**
   * Records that the reminder {@code daysBefore} of the certificate is sent, in the caller's
   * transaction.
   *
   * @return false when it was recorded before (sent already)
   */
  boolean record(String caName, String serialHex, int daysBefore, Instant now);
}
