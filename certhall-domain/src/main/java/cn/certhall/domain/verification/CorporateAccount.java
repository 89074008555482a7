package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;

/**
 * An organization's corporate bank account (对公账户) for the micro-deposit.
 *
 * @param accountName 开户名称: must be the organization's name exactly, or the bank returns the
 *     transfer and its remark never arrives
 * @param accountNumber digits only; blanks are dropped
 * @param bankName the bank, from the list or as typed after 其他
 */
public record CorporateAccount(String accountName, String accountNumber, String bankName) {

  public CorporateAccount {
    accountName = Inputs.required(accountName, "account name", Inputs.ACCOUNT_NAME);
    accountNumber = Inputs.accountNumber(accountNumber, "account number");
    bankName = Inputs.required(bankName, "bank", Inputs.BANK);
  }

  @Override
  public String toString() {
    return "CorporateAccount[" + Masking.lastFour(accountNumber) + "]";
  }
}
