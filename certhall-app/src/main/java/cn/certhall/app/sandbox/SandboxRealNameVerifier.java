package cn.certhall.app.sandbox;

import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;

/** Real-name verification that answers by {@link SandboxRules}, so each answer can be caused. */
public final class SandboxRealNameVerifier implements RealNameVerifier {

  @Override
  public Result checkMobile(MobileThreeFactor factors) {
    return SandboxRules.realName(factors.name(), factors.idNumber(), factors.mobile());
  }

  @Override
  public Result checkBankCard(BankCardFourFactor factors) {
    return SandboxRules.realName(
        factors.name(), factors.idNumber(), factors.cardNumber(), factors.reservedMobile());
  }
}
