package cn.certhall.domain.verification;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Port: the CA's bank pays {@link #AMOUNT} to an organization's corporate account with a remark
 * (附言) that carries the authorization code (企业对公打款). Implementations must not log the remark.
 *
 * <p>A bank interface pays at once ({@link Status#SENT}); without one, the transfer is a task for
 * the CA's finance staff ({@link Status#QUEUED}, {@link ManualTransfer}), and the code becomes
 * valid when they mark it made. A bank adapter replaces the manual one behind this same port.
 */
public interface MicroDepositTransfer {

  /** 0.01 CNY. */
  BigDecimal AMOUNT = new BigDecimal("0.01");

  enum Status {
    /** The bank accepted the transfer; the remark shows in the account's statement. */
    SENT,
    /**
     * Nothing is paid yet: the transfer waits for a person (finance, 财务打款任务) to make it. The code
     * exists but passes only once the transfer is marked made ({@link ManualTransfer}).
     */
    QUEUED,
    /**
     * The account name does not belong to the account number: the receiving bank refuses the
     * transfer, so no remark can arrive. The applicant must correct the account name.
     */
    ACCOUNT_NAME_MISMATCH,
    /** No such account, or it is closed or frozen. */
    ACCOUNT_INVALID,
    /** The bank's interface failed or did not answer; nothing was paid. */
    UNAVAILABLE;

    /** Paid or to be paid: the code is out (or will be), nothing to correct. */
    public boolean paid() {
      return this == SENT || this == QUEUED;
    }
  }

  /**
   * @param payerAccountName for {@link Status#SENT} and {@link Status#QUEUED}: the name of the
   *     account the money comes from, shown to the applicant to find the transfer in the statement
   */
  record Result(Status status, String payerAccountName) {
    public Result {
      Objects.requireNonNull(status, "status");
      if (status.paid() != (payerAccountName != null)) {
        throw new IllegalArgumentException(
            "a payer account name comes with SENT or QUEUED and only with them");
      }
    }

    public static Result sent(String payerAccountName) {
      return new Result(Status.SENT, Objects.requireNonNull(payerAccountName, "payerAccountName"));
    }

    public static Result queued(String payerAccountName) {
      return new Result(
          Status.QUEUED, Objects.requireNonNull(payerAccountName, "payerAccountName"));
    }

    public static Result failed(Status status) {
      return new Result(status, null);
    }
  }

  /**
   * @param orderId the order whose code the remark carries (or the number a new application's order
   *     will take): a queued transfer is found by it
   */
  Result pay(String orderId, CorporateAccount account, String remark);
}
