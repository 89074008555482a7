package cn.certhall.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.InMemoryCodeStore;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.VerificationContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The form's steps of 单位证书新办: verifications first, the order only once they passed. */
class NewApplicationFlowTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryOrders repository = new InMemoryOrders();
  final Transactions direct =
      new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };
  final OrderService orders =
      new OrderService(
          repository,
          direct,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {});
  RealNameVerifier.Result adminAnswer = RealNameVerifier.Result.MATCH;
  final List<Object> realNameAsked = new ArrayList<>();
  final RealNameVerifier realName =
      new RealNameVerifier() {
        @Override
        public Result checkMobile(VerificationContext context, MobileThreeFactor factors) {
          realNameAsked.add(factors);
          return Result.MATCH;
        }

        @Override
        public Result checkBankCard(VerificationContext context, BankCardFourFactor factors) {
          realNameAsked.add(factors);
          return adminAnswer;
        }
      };
  MicroDepositTransfer.Status bankAnswer = MicroDepositTransfer.Status.SENT;
  final List<CorporateAccount> paid = new ArrayList<>();
  final MicroDepositTransfer bank =
      (orderId, account, remark) -> {
        paid.add(account);
        return bankAnswer.paid()
            ? new MicroDepositTransfer.Result(bankAnswer, "certhall 付款账户")
            : new MicroDepositTransfer.Result(bankAnswer, null);
      };
  final AuthorizationCodes codes =
      new AuthorizationCodes(
          new InMemoryCodeStore(),
          "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
          CodePolicy.SMS_DEFAULT,
          CodePolicy.TRANSFER_REMARK_DEFAULT,
          clock,
          new SecureRandom());
  final SmsSender phone = (mobile, message) -> SmsSender.Result.SENT;
  final EnterpriseVerification enterprise =
      new EnterpriseVerification(
          codes,
          new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock)),
          realName,
          bank);
  final NewApplicationFlow flow =
      new NewApplicationFlow(
          orders,
          enterprise,
          new ApplicantChecks(new AdministratorVerification(realName), enterprise),
          new ApplicationCorrection(orders, direct),
          direct);

  @Test
  void
      an_application_becomes_a_verified_order_once_the_administrator_and_the_organization_passed() {
    String number = orders.newOrderNumber();

    NewApplicationFlow.Submission result =
        flow.submitForm(number, "demo", Applications.sample(), false);

    assertThat(result)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.Submitted.class,
            s -> {
              assertThat(s.order().id()).isEqualTo(number);
              assertThat(s.order().status()).isEqualTo(OrderStatus.VERIFIED);
              assertThat(s.sent().isCodeSent()).isTrue();
            });
    assertThat(realNameAsked).singleElement().isInstanceOf(BankCardFourFactor.class);
    assertThat(paid)
        .singleElement()
        .satisfies(a -> assertThat(a.accountNumber()).isEqualTo("6222020200112233445"));
  }

  @Test
  void a_failed_administrator_check_stores_nothing_and_sends_no_code() {
    adminAnswer = RealNameVerifier.Result.MISMATCH;

    NewApplicationFlow.Submission result =
        flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false);

    assertThat(result)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.AdministratorNotVerified.class,
            r ->
                assertThat(r.result().outcome())
                    .isEqualTo(AdministratorVerification.Outcome.REAL_NAME_MISMATCH));
    assertThat(paid).isEmpty();
    assertThat(repository.orders).isEmpty();
  }

  @Test
  void a_failed_enterprise_verification_stores_nothing() {
    bankAnswer = MicroDepositTransfer.Status.ACCOUNT_NAME_MISMATCH;

    NewApplicationFlow.Submission result =
        flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false);

    assertThat(result)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.EnterpriseNotVerified.class,
            r ->
                assertThat(r.result().outcome())
                    .isEqualTo(EnterpriseVerificationResult.Outcome.ACCOUNT_NAME_MISMATCH));
    assertThat(repository.orders).isEmpty();
  }

  @Test
  void a_code_that_stands_is_not_sent_again() {
    NewApplicationFlow.Submission result =
        flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), true);

    assertThat(result)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.Submitted.class, s -> assertThat(s.sent()).isNull());
    assertThat(paid).isEmpty();
  }

  @Test
  void an_organization_whose_unfinished_order_passed_its_code_is_told_so_before_any_check() {
    Order first =
        ((NewApplicationFlow.Submission.Submitted)
                flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false))
            .order();
    orders.move(first.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
    orders.move(
        first.id(), OrderStatus.AUTHORIZATION_CODE_ENTERED, HistoryNote.text("test set-up"));
    realNameAsked.clear();
    paid.clear();

    assertThat(flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false))
        .isInstanceOf(NewApplicationFlow.Submission.Unfinished.class);
    assertThat(realNameAsked).isEmpty();
    assertThat(paid).isEmpty();
  }

  @Test
  void the_form_of_an_order_keeps_its_credit_code_and_is_verified_again() {
    Order order =
        ((NewApplicationFlow.Submission.Submitted)
                flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false))
            .order();
    flow.backToForm(order.id());

    assertThat(flow.resubmitForm(order.id(), Applications.sample("91440300MA5DC6QX9C"), false))
        .isInstanceOf(NewApplicationFlow.Submission.CreditCodeChanged.class);

    NewApplicationFlow.Submission again =
        flow.resubmitForm(order.id(), Applications.sample(), true);
    assertThat(again)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.Submitted.class,
            s -> assertThat(s.order().status()).isEqualTo(OrderStatus.VERIFIED));
  }

  @Test
  void a_rejected_order_is_verified_only_for_what_its_changes_owe() {
    Order order =
        ((NewApplicationFlow.Submission.Submitted)
                flow.submitForm(orders.newOrderNumber(), "demo", Applications.sample(), false))
            .order();
    for (OrderStatus s :
        List.of(
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW,
            OrderStatus.REJECTED)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    realNameAsked.clear();
    paid.clear();
    UnitApplication a = Applications.sample();
    UnitApplication newHandler =
        new UnitApplication(
            a.organizationName(),
            a.creditCode(),
            a.legalRepresentative(),
            new UnitApplication.Handler(
                "赵经办",
                a.handler().idType(),
                a.handler().idNumber(),
                "13800138009",
                "other@example.cn"),
            a.administrator(),
            a.enterpriseVerification(),
            a.administratorVerification());

    NewApplicationFlow.Submission result = flow.resubmitForm(order.id(), newHandler, false);

    assertThat(result)
        .isInstanceOfSatisfying(
            NewApplicationFlow.Submission.Submitted.class,
            s -> {
              assertThat(s.sent()).isNull();
              assertThat(s.order().status()).isEqualTo(OrderStatus.VERIFIED);
              assertThat(s.order().application().handler().name()).isEqualTo("赵经办");
            });
    assertThat(realNameAsked).isEmpty();
    assertThat(paid).isEmpty();
  }
}
