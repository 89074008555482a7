package cn.certhall.domain.verification;

import java.time.Instant;
import java.util.Objects;

/**
 * What came of an enterprise verification request. {@link Outcome} names are stable: the web layer
 * turns them into messages (the suggested Chinese wording is on each).
 *
 * @param method the method that was tried
 * @param delivery {@link Outcome#CODE_SENT} only: where the code went
 * @param retryAfterSeconds {@link Outcome#COOLDOWN} only: whole seconds to wait; 0 otherwise
 * @param suggestedMethod when a legal-representative method failed: {@link
 *     EnterpriseMethod#CORPORATE_TRANSFER} (the manual: 如果三要素核验不过，建议 选择企业对公账户打款方式); null otherwise
 */
public record EnterpriseVerificationResult(
    Outcome outcome,
    EnterpriseMethod method,
    Delivery delivery,
    long retryAfterSeconds,
    EnterpriseMethod suggestedMethod) {

  public enum Outcome {
    /**
     * The code is on its way; the applicant enters it at 证书授权码. SMS: 证书授权码已发送至法定代表人 手机 138****5678.
     * Transfer: 已向尾号 2233 的对公账户打款 0.01 元，付款户名 …，请在账户明细的附言中 查看证书授权码；开户名称与账号不符时银行会退回打款，附言无法送达.
     */
    CODE_SENT,
    /** 操作过于频繁，请 n 秒后再获取授权码. Nothing was checked or sent. */
    COOLDOWN,
    /** 法定代表人信息核验未通过。建议选择企业对公账户打款方式. */
    REAL_NAME_MISMATCH,
    /** 实名核验服务暂时不可用，请稍后再试，或选择企业对公账户打款方式. */
    REAL_NAME_UNAVAILABLE,
    /** 短信发送失败，请稍后再试，或选择企业对公账户打款方式. */
    SMS_UNAVAILABLE,
    /** 法定代表人手机号码无法接收短信，请核对号码，或选择企业对公账户打款方式. */
    SMS_INVALID_NUMBER,
    /** 该手机号码获取短信过于频繁，请稍后再试，或选择企业对公账户打款方式. The provider's limit. */
    SMS_RATE_LIMITED,
    /** 今日获取验证码次数已达上限，请明天再试，或选择企业对公账户打款方式. A daily SMS cap is reached. */
    SMS_LIMIT_REACHED,
    /** 开户名称与账号不符：银行会退回打款，附言中的授权码无法送达。请核对开户名称（须与单位名称一致）. */
    ACCOUNT_NAME_MISMATCH,
    /** 对公账号无效（不存在、已销户或冻结），请核对账号和开户银行. */
    ACCOUNT_INVALID,
    /** 打款服务暂时不可用，请稍后再试. */
    TRANSFER_UNAVAILABLE
  }

  /**
   * Where a code went.
   *
   * @param maskedDestination the mobile (138****5678) or the account number (****2233), masked
   * @param expiresAt the last instant at which the code is accepted
   * @param payerAccountName transfers: the account the 0.01 CNY comes from; null for SMS
   * @param awaitingTransfer the transfer waits for finance to make it ({@link ManualTransfer}): the
   *     code passes, and {@code expiresAt} counts, only from then
   */
  public record Delivery(
      CodeChannel channel,
      String maskedDestination,
      Instant expiresAt,
      String payerAccountName,
      boolean awaitingTransfer) {
    public Delivery {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(maskedDestination, "maskedDestination");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  public EnterpriseVerificationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(method, "method");
    if ((outcome == Outcome.CODE_SENT) != (delivery != null)) {
      throw new IllegalArgumentException("a delivery comes with CODE_SENT and only with it");
    }
  }

  static EnterpriseVerificationResult sent(EnterpriseMethod method, Delivery delivery) {
    return new EnterpriseVerificationResult(Outcome.CODE_SENT, method, delivery, 0, null);
  }

  static EnterpriseVerificationResult cooldown(EnterpriseMethod method, long retryAfterSeconds) {
    return new EnterpriseVerificationResult(
        Outcome.COOLDOWN, method, null, retryAfterSeconds, null);
  }

  static EnterpriseVerificationResult failed(EnterpriseMethod method, Outcome outcome) {
    EnterpriseMethod suggested =
        method == EnterpriseMethod.CORPORATE_TRANSFER ? null : EnterpriseMethod.CORPORATE_TRANSFER;
    return new EnterpriseVerificationResult(outcome, method, null, 0, suggested);
  }

  public boolean isCodeSent() {
    return outcome == Outcome.CODE_SENT;
  }
}
