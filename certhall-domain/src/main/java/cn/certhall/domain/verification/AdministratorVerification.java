package cn.certhall.domain.verification;

import java.util.Objects;

/**
 * 证书及印章管理员核验 (SPEC 3.1 step 3): the certificate &amp; seal administrator is verified by one of two
 * real-name checks. No code is sent.
 */
public final class AdministratorVerification {

  /** Stable names for the web layer, with the suggested Chinese wording. */
  public enum Outcome {
    /** 证书及印章管理员核验通过. */
    VERIFIED,
    /** 证书及印章管理员信息核验未通过，请核对姓名、证件号码和手机号（或银行卡号），或换一种核验方式. */
    REAL_NAME_MISMATCH,
    /** 实名核验服务暂时不可用，请稍后再试. */
    REAL_NAME_UNAVAILABLE
  }

  public record Result(AdministratorMethod method, Outcome outcome) {
    public Result {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(outcome, "outcome");
    }

    public boolean isVerified() {
      return outcome == Outcome.VERIFIED;
    }
  }

  private final RealNameVerifier realName;

  public AdministratorVerification(RealNameVerifier realName) {
    this.realName = Objects.requireNonNull(realName, "realName");
  }

  /**
   * @param context the order the check is for ({@link VerificationContext#administrator})
   */
  public Result byMobile(VerificationContext context, MobileThreeFactor administrator) {
    Objects.requireNonNull(administrator, "administrator");
    return new Result(
        AdministratorMethod.MOBILE, outcome(realName.checkMobile(context, administrator)));
  }

  public Result byBankCard(VerificationContext context, BankCardFourFactor administrator) {
    Objects.requireNonNull(administrator, "administrator");
    return new Result(
        AdministratorMethod.BANK_CARD, outcome(realName.checkBankCard(context, administrator)));
  }

  private static Outcome outcome(RealNameVerifier.Result result) {
    return switch (result) {
      case MATCH -> Outcome.VERIFIED;
      case MISMATCH -> Outcome.REAL_NAME_MISMATCH;
      case UNAVAILABLE -> Outcome.REAL_NAME_UNAVAILABLE;
    };
  }
}
