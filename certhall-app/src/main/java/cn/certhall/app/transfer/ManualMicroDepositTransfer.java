package cn.certhall.app.transfer;

import cn.certhall.app.persistence.JdbcTransferTasks;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.MicroDepositTransfer;
import java.time.Clock;
import java.util.Objects;

/**
 * The bank port without a bank interface ({@code certhall.verification.transfer.provider=manual}):
 * each transfer becomes a task on the console's 财务打款任务 list for finance to make by hand, and the
 * answer is {@link Status#QUEUED}. Nothing is logged: the remark carries the code.
 */
public final class ManualMicroDepositTransfer implements MicroDepositTransfer {
  private final JdbcTransferTasks tasks;
  private final String payerAccountName;
  private final Clock clock;

  public ManualMicroDepositTransfer(JdbcTransferTasks tasks, String payerAccountName, Clock clock) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    if (payerAccountName == null || payerAccountName.isBlank()) {
      throw new IllegalStateException(
          "certhall.verification.transfer.payer-account-name is empty: the manual corporate transfer"
              + " needs the name of the CA's account the 0.01 元 comes from"
              + " (CERTHALL_VERIFICATION_TRANSFER_PAYER_ACCOUNT_NAME, docs/providers.md)");
    }
    this.payerAccountName = payerAccountName.strip();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Result pay(String orderId, CorporateAccount account, String remark) {
    tasks.queue(orderId, account, remark, clock.instant());
    return Result.queued(payerAccountName);
  }
}
