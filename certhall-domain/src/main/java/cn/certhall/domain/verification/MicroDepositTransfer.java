package cn.certhall.domain.verification;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Port: the CA's bank pays {@link #AMOUNT} to an organization's corporate account with a remark
 * (附言) that carries the authorization code (企业对公打款). Implementations must not log the
 * remark.
 */
public interface MicroDepositTransfer {

    /** 0.01 CNY. */
    BigDecimal AMOUNT = new BigDecimal("0.01");

    enum Status {
        /** The bank accepted the transfer; the remark shows in the account's statement. */
        SENT,
        /**
         * The account name does not belong to the account number: the receiving bank refuses the
         * transfer, so no remark can arrive. The applicant must correct the account name.
         */
        ACCOUNT_NAME_MISMATCH,
        /** No such account, or it is closed or frozen. */
        ACCOUNT_INVALID,
        /** The bank's interface failed or did not answer; nothing was paid. */
        UNAVAILABLE
    }

    /**
     * @param payerAccountName for {@link Status#SENT}: the name of the account the money comes
     *                         from, shown to the applicant to find the transfer in the statement
     */
    record Result(Status status, String payerAccountName) {
        public Result {
            Objects.requireNonNull(status, "status");
            if ((status == Status.SENT) != (payerAccountName != null)) {
                throw new IllegalArgumentException("a payer account name comes with SENT and only with it");
            }
        }

        public static Result sent(String payerAccountName) {
            return new Result(Status.SENT, Objects.requireNonNull(payerAccountName, "payerAccountName"));
        }

        public static Result failed(Status status) {
            return new Result(status, null);
        }
    }

    Result pay(CorporateAccount account, String remark);
}
