package cn.certhall.domain.lifecycle;

import static cn.certhall.domain.lifecycle.LifecycleFakes.CREDIT_CODE;
import static cn.certhall.domain.lifecycle.LifecycleFakes.HANDLER_MOBILE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityCheckTest {
  static final String LEGAL_MOBILE = "13500135005";

  final MutableClock clock = new MutableClock(Instant.parse("2027-06-15T02:30:00Z"));
  final LifecycleFakes.Orders repository = new LifecycleFakes.Orders();
  final LifecycleFakes.Phone phone = new LifecycleFakes.Phone();
  final OrderService orders =
      new OrderService(
          repository,
          LifecycleFakes.DIRECT,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {});
  final AuthorizationCodes codes =
      new AuthorizationCodes(
          new LifecycleFakes.Codes(),
          "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
          CodePolicy.SMS_DEFAULT,
          CodePolicy.TRANSFER_REMARK_DEFAULT,
          clock,
          new SecureRandom());

  /** The carrier knows one mobile of the legal representative. */
  final RealNameVerifier carrier =
      new RealNameVerifier() {
        @Override
        public Result checkMobile(VerificationContext context, MobileThreeFactor f) {
          return f.name().equals("张法人")
                  && f.idNumber().equals("11010519491231002X")
                  && f.mobile().equals(LEGAL_MOBILE)
              ? Result.MATCH
              : Result.MISMATCH;
        }

        @Override
        public Result checkBankCard(VerificationContext context, BankCardFourFactor f) {
          return Result.MISMATCH;
        }
      };

  final IdentityCheck check =
      new IdentityCheck(
          orders,
          new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock)),
          carrier,
          Duration.ofMinutes(30),
          clock);

  void issuedOrder() {
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE, "demo", LifecycleFakes.application("福州测试科技有限公司"));
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW,
            OrderStatus.APPROVED,
            OrderStatus.ISSUED)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
  }

  @Test
  void the_handler_on_file_gets_the_code_and_proves_the_organization_for_30_minutes() {
    issuedOrder();
    IdentityCheck.Claim claim =
        new IdentityCheck.Claim(
            IdentityCheck.Method.HANDLER, CREDIT_CODE, "李经办", "+86 138-0013-8001");

    assertThat(check.requestCode(claim).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);
    IdentityCheck.Result result = check.prove(claim, phone.lastCodeTo(HANDLER_MOBILE));

    assertThat(result.check().isOk()).isTrue();
    IdentityProof proof = result.proof().orElseThrow();
    assertThat(proof.creditCode()).isEqualTo(CREDIT_CODE);
    assertThat(proof.holds(clock.instant().plus(Duration.ofMinutes(29)))).isTrue();
    assertThat(proof.holds(clock.instant().plus(Duration.ofMinutes(30)))).isFalse();
  }

  @Test
  void a_wrong_sms_code_proves_nothing() {
    issuedOrder();
    IdentityCheck.Claim claim =
        new IdentityCheck.Claim(IdentityCheck.Method.HANDLER, CREDIT_CODE, "李经办", HANDLER_MOBILE);
    check.requestCode(claim);
    String right = phone.lastCodeTo(HANDLER_MOBILE);
    String wrong = right.equals("000000") ? "000001" : "000000";

    IdentityCheck.Result result = check.prove(claim, wrong);

    assertThat(result.check().status()).isEqualTo(CodeCheck.Status.WRONG);
    assertThat(result.proof()).isEmpty();
  }

  @Test
  void details_that_do_not_match_get_the_same_answer_and_no_message() {
    issuedOrder();
    IdentityCheck.Claim wrongName =
        new IdentityCheck.Claim(IdentityCheck.Method.HANDLER, CREDIT_CODE, "别人", HANDLER_MOBILE);
    IdentityCheck.Claim noOrders =
        new IdentityCheck.Claim(
            IdentityCheck.Method.HANDLER, "91440300MA5DC6QX9C", "李经办", HANDLER_MOBILE);

    assertThat(check.requestCode(wrongName).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);
    assertThat(check.requestCode(noOrders).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);
    assertThat(phone.sent).isEmpty();
  }

  @Test
  void the_legal_representative_needs_a_mobile_registered_to_the_person_on_file() {
    issuedOrder();
    IdentityCheck.Claim notTheirs =
        new IdentityCheck.Claim(
            IdentityCheck.Method.LEGAL_REPRESENTATIVE, CREDIT_CODE, "张法人", HANDLER_MOBILE);
    IdentityCheck.Claim theirs =
        new IdentityCheck.Claim(
            IdentityCheck.Method.LEGAL_REPRESENTATIVE, CREDIT_CODE, "张法人", LEGAL_MOBILE);

    check.requestCode(notTheirs);
    assertThat(phone.sent).isEmpty();
    check.requestCode(theirs);
    assertThat(check.prove(theirs, phone.lastCodeTo(LEGAL_MOBILE)).proof())
        .get()
        .extracting(IdentityProof::method)
        .isEqualTo(IdentityCheck.Method.LEGAL_REPRESENTATIVE);
  }
}
