package cn.certhall.domain.verification;

import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.ACCOUNT_INVALID;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.ACCOUNT_NAME_MISMATCH;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.CODE_SENT;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.COOLDOWN;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.REAL_NAME_MISMATCH;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.REAL_NAME_UNAVAILABLE;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.SMS_UNAVAILABLE;
import static cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome.TRANSFER_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnterpriseVerificationTest {
  static final String ORDER = "CH20270615ABCDEFGHJKLM";
  static final MobileThreeFactor LEGAL_REP =
      new MobileThreeFactor("张三", "11010519491231002X", "13812345678");
  static final BankCardFourFactor LEGAL_REP_CARD =
      new BankCardFourFactor(
          "张三", IdType.RESIDENT_ID_CARD, "11010519491231002X", "6222020200112233", "13987654321");
  static final CorporateAccount ACCOUNT =
      new CorporateAccount("示例科技有限公司", "1234 5678 9012 3456", "中国工商银行");

  final MutableClock clock = new MutableClock(Fakes.NOW);
  final Fakes.Phone phone = new Fakes.Phone();
  final Fakes.RealName realName = new Fakes.RealName();
  final Fakes.Bank bank = new Fakes.Bank();
  final AuthorizationCodes codes =
      Fakes.codes(new InMemoryCodeStore(), clock, new ScriptedRandom(100001, 200002, 300003));
  final EnterpriseVerification verification =
      new EnterpriseVerification(
          codes,
          new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock)),
          realName,
          bank);

  static String codeIn(String text) {
    Matcher m = Pattern.compile("\\d{6}").matcher(text);
    assertThat(m.find()).as("a six-digit code in the text").isTrue();
    return m.group();
  }

  @Nested
  class LegalRepresentativeMobile {

    @Test
    void a_match_sends_the_code_by_sms_to_the_legal_representatives_mobile() {
      EnterpriseVerificationResult result = verification.byLegalRepMobile(ORDER, LEGAL_REP);

      assertThat(result.outcome()).isEqualTo(CODE_SENT);
      assertThat(result.method()).isEqualTo(EnterpriseMethod.LEGAL_REP_MOBILE);
      assertThat(result.delivery())
          .isEqualTo(
              new EnterpriseVerificationResult.Delivery(
                  CodeChannel.SMS,
                  "138****5678",
                  Fakes.NOW.plus(Duration.ofMinutes(10)),
                  null,
                  false));
      assertThat(result.suggestedMethod()).isNull();
      assertThat(realName.asked).containsExactly(LEGAL_REP);
      assertThat(realName.contexts).containsExactly(VerificationContext.enterprise(ORDER));
      assertThat(bank.asked).isEmpty();
      assertThat(phone.sent).hasSize(1);
      assertThat(phone.sent.get(0).mobile()).isEqualTo("13812345678");
      assertThat(phone.sent.get(0).text()).contains("证书授权码").contains("10分钟");
      assertThat(verification.verifyCode(ORDER, codeIn(phone.sent.get(0).text())).isOk()).isTrue();
    }

    @Test
    void a_mismatch_sends_nothing_and_suggests_the_corporate_transfer() {
      realName.answer = RealNameVerifier.Result.MISMATCH;

      EnterpriseVerificationResult result = verification.byLegalRepMobile(ORDER, LEGAL_REP);

      assertThat(result.outcome()).isEqualTo(REAL_NAME_MISMATCH);
      assertThat(result.suggestedMethod()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
      assertThat(result.delivery()).isNull();
      assertThat(phone.sent).isEmpty();
      assertThat(verification.verifyCode(ORDER, "123456").status())
          .isEqualTo(CodeCheck.Status.NONE);
    }

    @Test
    void an_unavailable_check_sends_nothing_and_suggests_the_corporate_transfer() {
      realName.answer = RealNameVerifier.Result.UNAVAILABLE;

      EnterpriseVerificationResult result = verification.byLegalRepMobile(ORDER, LEGAL_REP);

      assertThat(result.outcome()).isEqualTo(REAL_NAME_UNAVAILABLE);
      assertThat(result.suggestedMethod()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
      assertThat(phone.sent).isEmpty();
    }

    @Test
    void a_failed_sms_leaves_no_code_and_no_wait() {
      phone.answer = SmsSender.Result.UNAVAILABLE;

      EnterpriseVerificationResult result = verification.byLegalRepMobile(ORDER, LEGAL_REP);

      assertThat(result.outcome()).isEqualTo(SMS_UNAVAILABLE);
      assertThat(result.suggestedMethod()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
      assertThat(verification.verifyCode(ORDER, "123456").status())
          .isEqualTo(CodeCheck.Status.NONE);
      phone.answer = SmsSender.Result.SENT;
      assertThat(verification.byLegalRepMobile(ORDER, LEGAL_REP).outcome()).isEqualTo(CODE_SENT);
    }

    @Test
    void a_resend_within_the_cooldown_waits_without_a_second_real_name_check() {
      verification.byLegalRepMobile(ORDER, LEGAL_REP);
      clock.advance(Duration.ofSeconds(45));

      EnterpriseVerificationResult result = verification.byLegalRepMobile(ORDER, LEGAL_REP);

      assertThat(result.outcome()).isEqualTo(COOLDOWN);
      assertThat(result.retryAfterSeconds()).isEqualTo(15);
      assertThat(realName.asked).hasSize(1);
      assertThat(phone.sent).hasSize(1);
    }

    @Test
    void a_resend_after_the_cooldown_sends_a_new_code_that_replaces_the_old() {
      verification.byLegalRepMobile(ORDER, LEGAL_REP);
      String old = codeIn(phone.sent.get(0).text());
      clock.advance(Duration.ofSeconds(60));

      assertThat(verification.byLegalRepMobile(ORDER, LEGAL_REP).outcome()).isEqualTo(CODE_SENT);
      String fresh = codeIn(phone.sent.get(1).text());
      assertThat(fresh).isNotEqualTo(old);
      assertThat(verification.verifyCode(ORDER, old).status()).isEqualTo(CodeCheck.Status.WRONG);
      assertThat(verification.verifyCode(ORDER, fresh).isOk()).isTrue();
    }
  }

  @Nested
  class LegalRepresentativeBankCard {

    @Test
    void a_match_sends_the_code_to_the_bank_reserved_mobile() {
      EnterpriseVerificationResult result = verification.byLegalRepBankCard(ORDER, LEGAL_REP_CARD);

      assertThat(result.outcome()).isEqualTo(CODE_SENT);
      assertThat(result.method()).isEqualTo(EnterpriseMethod.LEGAL_REP_BANK_CARD);
      assertThat(result.delivery().maskedDestination()).isEqualTo("139****4321");
      assertThat(realName.asked).containsExactly(LEGAL_REP_CARD);
      assertThat(phone.sent).extracting(Fakes.Sms::mobile).containsExactly("13987654321");
      assertThat(verification.verifyCode(ORDER, codeIn(phone.sent.get(0).text())).isOk()).isTrue();
    }

    @Test
    void a_mismatch_suggests_the_corporate_transfer() {
      realName.answer = RealNameVerifier.Result.MISMATCH;

      EnterpriseVerificationResult result = verification.byLegalRepBankCard(ORDER, LEGAL_REP_CARD);

      assertThat(result.outcome()).isEqualTo(REAL_NAME_MISMATCH);
      assertThat(result.suggestedMethod()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
      assertThat(phone.sent).isEmpty();
    }
  }

  @Nested
  class CorporateTransfer {

    @Test
    void pays_the_account_with_the_code_in_the_remark_valid_for_seven_days() {
      EnterpriseVerificationResult result = verification.byCorporateTransfer(ORDER, ACCOUNT);

      assertThat(result.outcome()).isEqualTo(CODE_SENT);
      assertThat(result.method()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
      assertThat(result.delivery())
          .isEqualTo(
              new EnterpriseVerificationResult.Delivery(
                  CodeChannel.TRANSFER_REMARK,
                  "****3456",
                  Fakes.NOW.plus(Duration.ofDays(7)),
                  Fakes.Bank.PAYER,
                  false));
      assertThat(bank.paid).hasSize(1);
      assertThat(bank.paid.get(0).account().accountNumber()).isEqualTo("1234567890123456");
      assertThat(bank.paid.get(0).remark()).startsWith("证书授权码").hasSizeLessThanOrEqualTo(20);
      assertThat(realName.asked).isEmpty();
      assertThat(phone.sent).isEmpty();

      String code = codeIn(bank.paid.get(0).remark());
      assertThat(verification.verifyCode(ORDER, "000000"))
          .as("three tries for a remark code")
          .isEqualTo(new CodeCheck(CodeCheck.Status.WRONG, 2));
      clock.advance(Duration.ofDays(7));
      assertThat(verification.verifyCode(ORDER, code).isOk()).isTrue();
    }

    @Test
    void a_wrong_account_name_is_said_so_and_leaves_no_code() {
      bank.answer = MicroDepositTransfer.Status.ACCOUNT_NAME_MISMATCH;

      EnterpriseVerificationResult result = verification.byCorporateTransfer(ORDER, ACCOUNT);

      assertThat(result.outcome()).isEqualTo(ACCOUNT_NAME_MISMATCH);
      assertThat(result.suggestedMethod()).isNull();
      assertThat(result.delivery()).isNull();
      String remark = bank.asked.get(0).remark();
      assertThat(verification.verifyCode(ORDER, codeIn(remark)).status())
          .isEqualTo(CodeCheck.Status.NONE);
    }

    @Test
    void an_invalid_account_and_an_unavailable_bank_are_told_apart() {
      bank.answer = MicroDepositTransfer.Status.ACCOUNT_INVALID;
      assertThat(verification.byCorporateTransfer(ORDER, ACCOUNT).outcome())
          .isEqualTo(ACCOUNT_INVALID);

      bank.answer = MicroDepositTransfer.Status.UNAVAILABLE;
      assertThat(verification.byCorporateTransfer(ORDER, ACCOUNT).outcome())
          .isEqualTo(TRANSFER_UNAVAILABLE);
      assertThat(bank.asked).as("no cooldown after a failed transfer").hasSize(2);
    }

    @Test
    void a_second_transfer_within_the_cooldown_is_not_paid() {
      verification.byCorporateTransfer(ORDER, ACCOUNT);
      clock.advance(Duration.ofSeconds(59));

      EnterpriseVerificationResult result = verification.byCorporateTransfer(ORDER, ACCOUNT);

      assertThat(result.outcome()).isEqualTo(COOLDOWN);
      assertThat(result.retryAfterSeconds()).isEqualTo(1);
      assertThat(bank.asked).hasSize(1);
    }
  }

  @Test
  void switching_from_the_transfer_to_sms_replaces_the_remark_code() {
    verification.byCorporateTransfer(ORDER, ACCOUNT);
    String remarkCode = codeIn(bank.paid.get(0).remark());
    clock.advance(Duration.ofSeconds(60));
    verification.byLegalRepMobile(ORDER, LEGAL_REP);
    String smsCode = codeIn(phone.sent.get(0).text());

    assertThat(smsCode).isNotEqualTo(remarkCode);
    assertThat(verification.verifyCode(ORDER, remarkCode))
        .isEqualTo(new CodeCheck(CodeCheck.Status.WRONG, 4));
    assertThat(verification.verifyCode(ORDER, smsCode).isOk()).isTrue();
  }

  @Test
  void codes_of_different_orders_do_not_mix() {
    verification.byLegalRepMobile(ORDER, LEGAL_REP);
    verification.byLegalRepMobile("CH20270615OTHERORDER22", LEGAL_REP);

    assertThat(phone.sent).hasSize(2);
    assertThat(
            verification
                .verifyCode("CH20270615OTHERORDER22", codeIn(phone.sent.get(1).text()))
                .isOk())
        .isTrue();
    assertThat(verification.verifyCode(ORDER, codeIn(phone.sent.get(0).text())).isOk()).isTrue();
  }
}
