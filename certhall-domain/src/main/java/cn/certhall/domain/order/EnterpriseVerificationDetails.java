package cn.certhall.domain.order;

import cn.certhall.domain.verification.EnterpriseMethod;
import java.util.Objects;

/**
 * 企业认证方式 as the application states it: the method chosen, one of three (三选一), and what it needs.
 * The check itself is {@link cn.certhall.domain.verification.EnterpriseVerification}. The
 * authorization code (证书授权码) arrives in the transfer remark or by SMS to the mobile given here. The
 * legal representative's name and ID number are those of the application form.
 *
 * @param accountName corporate transfer: the account name (开户名称)
 * @param accountNumber corporate transfer: the account number
 * @param bank corporate transfer: the bank, from the list or typed in after 其他
 * @param cardNumber legal representative bank card: the card number
 * @param mobile legal representative mobile (实名手机) or bank card (银行预留手机)
 */
public record EnterpriseVerificationDetails(
    EnterpriseMethod method,
    String accountName,
    String accountNumber,
    String bank,
    String cardNumber,
    String mobile) {

  public EnterpriseVerificationDetails {
    Objects.requireNonNull(method, "enterprise verification method");
    boolean transfer = method == EnterpriseMethod.CORPORATE_TRANSFER;
    boolean card = method == EnterpriseMethod.LEGAL_REP_BANK_CARD;
    accountName =
        transfer
            ? Fields.required(
                accountName, "enterprise verification account name", Fields.ACCOUNT_NAME)
            : Fields.absent(accountName, "account name", method);
    accountNumber =
        transfer
            ? Fields.required(
                accountNumber, "enterprise verification account number", Fields.ACCOUNT_NUMBER)
            : Fields.absent(accountNumber, "account number", method);
    bank =
        transfer
            ? Fields.required(bank, "enterprise verification bank", Fields.BANK)
            : Fields.absent(bank, "bank", method);
    cardNumber =
        card
            ? Fields.required(cardNumber, "enterprise verification card number", Fields.CARD_NUMBER)
            : Fields.absent(cardNumber, "card number", method);
    mobile =
        transfer
            ? Fields.absent(mobile, "mobile", method)
            : Fields.required(mobile, "enterprise verification mobile", Fields.MOBILE);
  }

  public static EnterpriseVerificationDetails corporateTransfer(
      String accountName, String accountNumber, String bank) {
    return new EnterpriseVerificationDetails(
        EnterpriseMethod.CORPORATE_TRANSFER, accountName, accountNumber, bank, null, null);
  }

  public static EnterpriseVerificationDetails legalRepMobile(String realNameMobile) {
    return new EnterpriseVerificationDetails(
        EnterpriseMethod.LEGAL_REP_MOBILE, null, null, null, null, realNameMobile);
  }

  public static EnterpriseVerificationDetails legalRepBankCard(
      String cardNumber, String reservedMobile) {
    return new EnterpriseVerificationDetails(
        EnterpriseMethod.LEGAL_REP_BANK_CARD, null, null, null, cardNumber, reservedMobile);
  }

  @Override
  public String toString() {
    return "EnterpriseVerificationDetails[" + method + "]";
  }
}
