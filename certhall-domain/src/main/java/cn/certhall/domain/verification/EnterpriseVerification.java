package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.verification.EnterpriseVerificationResult.Delivery;
import cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 企业认证方式 (SPEC 3.1 step 2): the organization proves itself by one of three methods, each of which
 * ends with the order's authorization code (证书授权码) in the applicant's hands — by SMS to the legal
 * representative's mobile once the real-name check passes, or in the remark of a 0.01 CNY transfer
 * to the corporate account. The code is checked with {@link #verifyCode} (step 5).
 *
 * <p>Calling a method again is the resend (重新获取): it checks again and sends a new code, which
 * replaces the old, once the resend cooldown is over. The cooldown is checked before the real-name
 * check, so waiting requests cost no paid check.
 */
public final class EnterpriseVerification {
  private final AuthorizationCodes codes;
  private final SmsCodes smsCodes;
  private final RealNameVerifier realName;
  private final MicroDepositTransfer transfers;
  private final TransferTasks transferTasks;

  public EnterpriseVerification(
      AuthorizationCodes codes,
      SmsCodes smsCodes,
      RealNameVerifier realName,
      MicroDepositTransfer transfers) {
    this(codes, smsCodes, realName, transfers, TransferTasks.NONE);
  }

  /**
   * @param transferTasks the transfers finance makes by hand, when the bank port queues them
   */
  public EnterpriseVerification(
      AuthorizationCodes codes,
      SmsCodes smsCodes,
      RealNameVerifier realName,
      MicroDepositTransfer transfers,
      TransferTasks transferTasks) {
    this.codes = Objects.requireNonNull(codes, "codes");
    this.smsCodes = Objects.requireNonNull(smsCodes, "smsCodes");
    this.realName = Objects.requireNonNull(realName, "realName");
    this.transfers = Objects.requireNonNull(transfers, "transfers");
    this.transferTasks = Objects.requireNonNull(transferTasks, "transferTasks");
  }

  /**
   * 企业对公打款: pays 0.01 CNY to the account with the order's code in the remark. A transfer the bank
   * port only queues for finance ({@link ManualTransfer}) counts as sent, with {@link
   * Delivery#awaitingTransfer()}: the code passes once the transfer is marked made.
   */
  public EnterpriseVerificationResult byCorporateTransfer(
      String orderId, CorporateAccount account) {
    Objects.requireNonNull(account, "account");
    EnterpriseMethod method = EnterpriseMethod.CORPORATE_TRANSFER;
    CodeIssue issue =
        codes.issue(CodeKey.enterpriseVerification(orderId), CodeChannel.TRANSFER_REMARK);
    if (!issue.isIssued()) {
      return EnterpriseVerificationResult.cooldown(method, issue.retryAfterSeconds());
    }
    MicroDepositTransfer.Result paid =
        transfers.pay(orderId, account, CodeTexts.transferRemark(issue.code()));
    if (!paid.status().paid()) {
      codes.withdraw(issue);
      return EnterpriseVerificationResult.failed(
          method,
          switch (paid.status()) {
            case ACCOUNT_NAME_MISMATCH -> Outcome.ACCOUNT_NAME_MISMATCH;
            case ACCOUNT_INVALID -> Outcome.ACCOUNT_INVALID;
            default -> Outcome.TRANSFER_UNAVAILABLE;
          });
    }
    Delivery delivery =
        new Delivery(
            CodeChannel.TRANSFER_REMARK,
            Masking.lastFour(account.accountNumber()),
            issue.expiresAt(),
            paid.payerAccountName(),
            paid.status() == MicroDepositTransfer.Status.QUEUED);
    return EnterpriseVerificationResult.sent(method, delivery);
  }

  /** 法定代表人手机三要素: on a match, the order's code by SMS to that mobile. */
  public EnterpriseVerificationResult byLegalRepMobile(String orderId, MobileThreeFactor legalRep) {
    Objects.requireNonNull(legalRep, "legalRep");
    return byLegalRep(
        EnterpriseMethod.LEGAL_REP_MOBILE,
        orderId,
        legalRep.mobile(),
        legalRep.idNumber(),
        () -> realName.checkMobile(VerificationContext.enterprise(orderId), legalRep));
  }

  /** 法定代表人银行卡: on a match, the order's code by SMS to the bank-reserved mobile. */
  public EnterpriseVerificationResult byLegalRepBankCard(
      String orderId, BankCardFourFactor legalRep) {
    Objects.requireNonNull(legalRep, "legalRep");
    return byLegalRep(
        EnterpriseMethod.LEGAL_REP_BANK_CARD,
        orderId,
        legalRep.reservedMobile(),
        legalRep.idNumber(),
        () -> realName.checkBankCard(VerificationContext.enterprise(orderId), legalRep));
  }

  /**
   * 证书授权码 as the applicant typed it; not checked (and no try spent) while the order's corporate
   * transfer waits for finance or has failed ({@link ManualTransfer}).
   */
  public CodeCheck verifyCode(String orderId, String entered) {
    Optional<CodeCheck> withheld = ManualTransfer.withheld(transferTasks, orderId);
    if (withheld.isPresent()) {
      return withheld.get();
    }
    return codes.verify(CodeKey.enterpriseVerification(orderId), entered);
  }

  /** The order's newest corporate transfer finance makes by hand, if there is one. */
  public Optional<TransferTask> manualTransfer(String orderId) {
    return transferTasks.latest(orderId);
  }

  private EnterpriseVerificationResult byLegalRep(
      EnterpriseMethod method,
      String orderId,
      String mobile,
      String idNumber,
      Supplier<RealNameVerifier.Result> check) {
    CodeKey key = CodeKey.enterpriseVerification(orderId);
    long wait = smsCodes.secondsUntilSend(key);
    if (wait > 0) {
      return EnterpriseVerificationResult.cooldown(method, wait);
    }
    RealNameVerifier.Result checked = check.get();
    if (checked != RealNameVerifier.Result.MATCH) {
      return EnterpriseVerificationResult.failed(
          method,
          checked == RealNameVerifier.Result.MISMATCH
              ? Outcome.REAL_NAME_MISMATCH
              : Outcome.REAL_NAME_UNAVAILABLE);
    }
    SmsCodeResult sent = smsCodes.send(key, mobile, idNumber);
    return switch (sent.status()) {
      case SENT ->
          EnterpriseVerificationResult.sent(
              method,
              new Delivery(CodeChannel.SMS, sent.maskedMobile(), sent.expiresAt(), null, false));
      case COOLDOWN -> EnterpriseVerificationResult.cooldown(method, sent.retryAfterSeconds());
      case SMS_UNAVAILABLE -> EnterpriseVerificationResult.failed(method, Outcome.SMS_UNAVAILABLE);
      case SMS_INVALID_NUMBER ->
          EnterpriseVerificationResult.failed(method, Outcome.SMS_INVALID_NUMBER);
      case SMS_RATE_LIMITED ->
          EnterpriseVerificationResult.failed(method, Outcome.SMS_RATE_LIMITED);
      case LIMIT_REACHED -> EnterpriseVerificationResult.failed(method, Outcome.SMS_LIMIT_REACHED);
    };
  }
}
