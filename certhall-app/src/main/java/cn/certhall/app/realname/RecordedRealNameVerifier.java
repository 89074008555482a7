package cn.certhall.app.realname;

import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationMethod;

/**
 * The domain's {@link RealNameVerifier} on a {@link RealNameProvider} (the real one or the
 * sandbox's): each check is logged and recorded in {@code verification_record} with what it was
 * for, the outcome and the provider's request id. Neither holds the name, ID number, mobile or card
 * number.
 */
public final class RecordedRealNameVerifier implements RealNameVerifier {
  private final RealNameProvider provider;
  private final CheckLog checks;

  public RecordedRealNameVerifier(RealNameProvider provider, CheckLog checks) {
    this.provider = provider;
    this.checks = checks;
  }

  @Override
  public Result checkMobile(VerificationContext context, MobileThreeFactor factors) {
    long started = System.nanoTime();
    ProviderAnswer<Result> answer = provider.checkMobile(factors);
    checks.record(
        context, VerificationMethod.MOBILE_THREE_FACTOR, provider.name(), answer, started);
    return answer.result();
  }

  @Override
  public Result checkBankCard(VerificationContext context, BankCardFourFactor factors) {
    long started = System.nanoTime();
    ProviderAnswer<Result> answer = provider.checkBankCard(factors);
    checks.record(
        context, VerificationMethod.BANK_CARD_FOUR_FACTOR, provider.name(), answer, started);
    return answer.result();
  }
}
