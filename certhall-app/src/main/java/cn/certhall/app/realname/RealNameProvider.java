package cn.certhall.app.realname;

import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;

/** One provider of real-name checks; {@link RecordedRealNameVerifier} records each answer. */
public interface RealNameProvider {

  /** As {@code verification_record.provider}: sandbox, tencent. */
  String name();

  ProviderAnswer<RealNameVerifier.Result> checkMobile(MobileThreeFactor factors);

  ProviderAnswer<RealNameVerifier.Result> checkBankCard(BankCardFourFactor factors);
}
