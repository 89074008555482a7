package cn.certhall.app.sandbox;

import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SandboxMessageRepository.Kind;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.MicroDepositTransfer;
import java.time.Clock;

/**
 * A bank that "pays" into the sandbox outbox: the transfer is recorded under the account number,
 * its remark as the body. Refuses by {@link SandboxRules}; a refused transfer is not recorded,
 * because no remark arrives.
 */
public final class SandboxMicroDepositTransfer implements MicroDepositTransfer {
  private final SandboxMessageRepository outbox;
  private final String payerAccountName;
  private final Clock clock;

  public SandboxMicroDepositTransfer(
      SandboxMessageRepository outbox, String payerAccountName, Clock clock) {
    this.outbox = outbox;
    this.payerAccountName = payerAccountName;
    this.clock = clock;
  }

  @Override
  public Result pay(String orderId, CorporateAccount account, String remark) {
    Status status = SandboxRules.transfer(account.accountName(), account.accountNumber());
    if (status != Status.SENT) {
      return Result.failed(status);
    }
    outbox.insert(
        Kind.TRANSFER,
        account.accountNumber(),
        account.accountName(),
        AMOUNT.toPlainString() + " 元 · " + account.bankName() + " · 付款户名 " + payerAccountName,
        remark,
        clock.instant());
    return Result.sent(payerAccountName);
  }
}
