package cn.certhall.app.sandbox;

import cn.certhall.app.realname.ProviderAnswer;
import cn.certhall.app.realname.RealNameProvider;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier.Result;
import java.util.UUID;

/**
 * Real-name verification that answers by {@link SandboxRules}, so each answer can be caused; each
 * answer carries a request id of its own ({@code sandbox-<uuid>}), recorded as a real one is.
 */
public final class SandboxRealNameVerifier implements RealNameProvider {

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public ProviderAnswer<Result> checkMobile(MobileThreeFactor factors) {
    return answer(SandboxRules.realName(factors.name(), factors.idNumber(), factors.mobile()));
  }

  @Override
  public ProviderAnswer<Result> checkBankCard(BankCardFourFactor factors) {
    return answer(
        SandboxRules.realName(
            factors.name(), factors.idNumber(), factors.cardNumber(), factors.reservedMobile()));
  }

  static <R extends Enum<R>> ProviderAnswer<R> answer(R result) {
    return new ProviderAnswer<>(result, result.name(), "sandbox-" + UUID.randomUUID());
  }
}
