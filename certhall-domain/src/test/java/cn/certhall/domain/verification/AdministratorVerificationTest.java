package cn.certhall.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.verification.AdministratorVerification.Outcome;
import cn.certhall.domain.verification.AdministratorVerification.Result;
import org.junit.jupiter.api.Test;

class AdministratorVerificationTest {
  static final MobileThreeFactor ADMIN =
      new MobileThreeFactor("李四", "110105199003071234", "13600001111");
  static final BankCardFourFactor ADMIN_CARD =
      new BankCardFourFactor("李四", IdType.PASSPORT, "E12345678", "6222020200112233", "13600001111");

  static final VerificationContext FOR_ORDER =
      VerificationContext.administrator("CH20270615ABCDEFGHJKLM");

  final Fakes.RealName realName = new Fakes.RealName();
  final AdministratorVerification verification = new AdministratorVerification(realName);

  @Test
  void the_mobile_method_runs_the_three_factor_check() {
    assertThat(verification.byMobile(FOR_ORDER, ADMIN))
        .isEqualTo(new Result(AdministratorMethod.MOBILE, Outcome.VERIFIED));
    assertThat(realName.asked).containsExactly(ADMIN);
    assertThat(realName.contexts).as("the order the record is kept for").containsExactly(FOR_ORDER);
  }

  @Test
  void the_bank_card_method_runs_the_four_factor_check_with_the_id_type() {
    assertThat(verification.byBankCard(FOR_ORDER, ADMIN_CARD).isVerified()).isTrue();
    assertThat(realName.asked).containsExactly(ADMIN_CARD);
  }

  @Test
  void a_mismatch_and_an_unavailable_service_are_told_apart() {
    realName.answer = RealNameVerifier.Result.MISMATCH;
    assertThat(verification.byMobile(FOR_ORDER, ADMIN))
        .isEqualTo(new Result(AdministratorMethod.MOBILE, Outcome.REAL_NAME_MISMATCH));

    realName.answer = RealNameVerifier.Result.UNAVAILABLE;
    Result unavailable = verification.byBankCard(FOR_ORDER, ADMIN_CARD);
    assertThat(unavailable)
        .isEqualTo(new Result(AdministratorMethod.BANK_CARD, Outcome.REAL_NAME_UNAVAILABLE));
    assertThat(unavailable.isVerified()).isFalse();
  }
}
