package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A corporate transfer (对公打款) that finance makes by hand ({@link ManualTransfer}).
 *
 * @param id the task's number
 * @param orderId the order whose code the remark carries
 * @param amount {@link MicroDepositTransfer#AMOUNT}
 * @param account the organization's account, as the applicant gave it
 * @param remark the remark (附言) to type into the bank's transfer: it carries the code
 * @param status where it stands
 * @param operator who marked it; null while {@link Status#QUEUED} or {@link Status#REPLACED}
 * @param bankAnswer for {@link Status#FAILED}: the bank's answer as the operator typed it
 * @param queuedAt when the applicant asked for the transfer
 * @param markedAt when it was marked made, failed or replaced; null while queued
 * @param version bumped by every change: a change based on a stale read is refused
 */
public record TransferTask(
    long id,
    String orderId,
    BigDecimal amount,
    CorporateAccount account,
    String remark,
    Status status,
    String operator,
    String bankAnswer,
    Instant queuedAt,
    Instant markedAt,
    int version) {

  /** The longest bank answer kept. */
  public static final int MAX_BANK_ANSWER = 200;

  public enum Status {
    /** Waiting for finance to make it; the code does not pass yet. */
    QUEUED,
    /** Finance made it; the code's lifetime and wrong tries count from then. */
    MADE,
    /** The bank refused it (the answer is kept); the code is withdrawn. */
    FAILED,
    /** A newer transfer of the same order took its place before it was made. */
    REPLACED
  }

  public TransferTask {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(remark, "remark");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(queuedAt, "queuedAt");
  }

  public boolean isOpen() {
    return status == Status.QUEUED;
  }

  /** The remark carries the code: only the status and the account's last four digits are shown. */
  @Override
  public String toString() {
    return "TransferTask["
        + id
        + ", "
        + status
        + ", "
        + Masking.lastFour(account.accountNumber())
        + "]";
  }
}
