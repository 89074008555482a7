package cn.certhall.domain.lifecycle;

import static cn.certhall.domain.lifecycle.LifecycleFakes.ADMIN_MOBILE;
import static cn.certhall.domain.lifecycle.LifecycleFakes.CREDIT_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CollectionForms;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.ApplicantChecks;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The steps of renewal, change and revocation, over the in-memory ports. */
class LifecycleFlowTest {
  static final Instant NOW = LifecycleServiceTest.NOW;
  static final String NAME = LifecycleServiceTest.NAME;

  /** A real-name provider that answers {@code answer} and keeps who it was asked about. */
  static final class RealName implements RealNameVerifier {
    Result answer = Result.MATCH;
    final List<Object> asked = new ArrayList<>();
    final List<VerificationContext> contexts = new ArrayList<>();

    @Override
    public Result checkMobile(VerificationContext context, MobileThreeFactor factors) {
      asked.add(factors);
      contexts.add(context);
      return answer;
    }

    @Override
    public Result checkBankCard(VerificationContext context, BankCardFourFactor factors) {
      asked.add(factors);
      contexts.add(context);
      return answer;
    }
  }

  final MutableClock clock = new MutableClock(NOW);
  final LifecycleFakes.Orders repository = new LifecycleFakes.Orders();
  final LifecycleFakes.Ca ca = new LifecycleFakes.Ca(repository);
  final LifecycleFakes.Phone phone = new LifecycleFakes.Phone();
  final RealName realName = new RealName();
  final OrderService orders =
      new OrderService(
          repository,
          LifecycleFakes.DIRECT,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {});
  final LifecycleService lifecycle =
      new LifecycleService(
          orders,
          ca.requestStore,
          ca,
          ca,
          ca,
          CollectionForms.none(),
          new ChannelSync(s -> {}, clock),
          new Notifications((n, at) -> {}, clock),
          LifecycleFakes.DIRECT,
          new CertificateRules(clock, CertificateRules.CHINA_TIME),
          clock);
  final AuthorizationCodes codes =
      new AuthorizationCodes(
          new LifecycleFakes.Codes(),
          "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
          CodePolicy.SMS_DEFAULT,
          CodePolicy.TRANSFER_REMARK_DEFAULT,
          clock,
          new SecureRandom());
  final SmsCodes sms = new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock));
  final MicroDepositTransfer bank =
      (orderId, account, remark) -> MicroDepositTransfer.Result.sent("certhall 付款账户");
  final EnterpriseVerification enterprise = new EnterpriseVerification(codes, sms, realName, bank);
  final AdministratorVerification administrators = new AdministratorVerification(realName);
  final LifecycleFlow flow =
      new LifecycleFlow(
          lifecycle,
          orders,
          enterprise,
          new ApplicantChecks(administrators, enterprise),
          administrators,
          sms,
          LifecycleFakes.DIRECT);
  final IdentityProof proof =
      new IdentityProof(CREDIT_CODE, IdentityCheck.Method.HANDLER, NOW.plus(Duration.ofDays(1)));

  /** A new-unit order, issued, whose certificate ends {@code notAfter}. */
  HeldCertificate held(Duration left) {
    Order order =
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", LifecycleFakes.application(NAME));
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
    return ca.issued(order.id(), NAME, NOW.plus(left).minus(Duration.ofDays(365)), NOW.plus(left));
  }

  static UnitApplication edited(String name) {
    return LifecycleFakes.application(name);
  }

  long ordersOf(BusinessType type) {
    return repository.orders.values().stream().filter(o -> o.businessType() == type).count();
  }

  @Nested
  class RenewalAndChange {

    @Test
    void a_renewal_verifies_the_handler_by_the_chosen_card_and_starts_the_order_verified() {
      HeldCertificate c = held(Duration.ofDays(30));

      LifecycleFlow.Submission result =
          flow.submitForm(
              BusinessType.RENEWAL,
              proof,
              "demo",
              c,
              edited(NAME),
              HandlerCheck.byBankCard("6222020200112233445", "13800138009"));

      assertThat(result).isInstanceOf(LifecycleFlow.Submission.Submitted.class);
      Order order = ((LifecycleFlow.Submission.Submitted) result).order();
      assertThat(order.status()).isEqualTo(OrderStatus.VERIFIED);
      assertThat(order.history().get(order.history().size() - 1).note().key())
          .isEqualTo("history.lifecycle.handlerVerified.BANK_CARD");
      assertThat(realName.asked)
          .singleElement()
          .isInstanceOfSatisfying(
              BankCardFourFactor.class,
              card -> {
                assertThat(card.name()).isEqualTo("李经办");
                assertThat(card.cardNumber()).isEqualTo("6222020200112233445");
              });
      assertThat(realName.contexts).containsExactly(VerificationContext.lifecycle(order.id()));
    }

    @Test
    void a_change_verifies_the_administrator_not_the_handler_and_a_mismatch_stores_nothing() {
      HeldCertificate c = held(Duration.ofDays(200));
      realName.answer = RealNameVerifier.Result.MISMATCH;

      LifecycleFlow.Submission result =
          flow.submitForm(
              BusinessType.INFORMATION_CHANGE,
              proof,
              "demo",
              c,
              edited("福州新名称科技有限公司"),
              HandlerCheck.byMobile());

      assertThat(result)
          .isEqualTo(
              new LifecycleFlow.Submission.NotVerified(
                  LifecycleFlow.Person.ADMINISTRATOR,
                  AdministratorVerification.Outcome.REAL_NAME_MISMATCH));
      assertThat(realName.asked)
          .singleElement()
          .isInstanceOfSatisfying(
              MobileThreeFactor.class, m -> assertThat(m.mobile()).isEqualTo(ADMIN_MOBILE));
      assertThat(ordersOf(BusinessType.INFORMATION_CHANGE)).isZero();
    }

    @Test
    void a_certificate_too_early_to_renew_is_refused_after_the_check_and_nothing_is_stored() {
      HeldCertificate c = held(Duration.ofDays(200));

      LifecycleFlow.Submission result =
          flow.submitForm(
              BusinessType.RENEWAL, proof, "demo", c, edited(NAME), HandlerCheck.byMobile());

      assertThat(result)
          .isInstanceOfSatisfying(
              LifecycleFlow.Submission.Refused.class,
              r -> assertThat(r.refusal()).isEqualTo(Refusal.RENEWAL_TOO_EARLY));
      assertThat(ordersOf(BusinessType.RENEWAL)).isZero();
    }

    @Test
    void the_corrected_form_verifies_the_person_again_and_the_order_is_verified_again() {
      HeldCertificate c = held(Duration.ofDays(30));
      Order order =
          ((LifecycleFlow.Submission.Submitted)
                  flow.submitForm(
                      BusinessType.RENEWAL,
                      proof,
                      "demo",
                      c,
                      edited(NAME),
                      HandlerCheck.byMobile()))
              .order();
      flow.backToForm(order.id());

      realName.answer = RealNameVerifier.Result.UNAVAILABLE;
      assertThat(flow.resubmitForm(order.id(), edited(NAME), HandlerCheck.byMobile()))
          .isEqualTo(
              new LifecycleFlow.Submission.NotVerified(
                  LifecycleFlow.Person.HANDLER,
                  AdministratorVerification.Outcome.REAL_NAME_UNAVAILABLE));
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.APPLICATION_FILLED);

      realName.answer = RealNameVerifier.Result.MATCH;
      LifecycleFlow.Submission again =
          flow.resubmitForm(order.id(), edited("福州更名科技有限公司"), HandlerCheck.byMobile());
      assertThat(again)
          .isInstanceOfSatisfying(
              LifecycleFlow.Submission.Submitted.class,
              s -> {
                assertThat(s.order().status()).isEqualTo(OrderStatus.VERIFIED);
                assertThat(s.order().application().organizationName()).isEqualTo("福州更名科技有限公司");
              });
    }
  }

  @Nested
  class Revocation {

    @Test
    void the_handler_on_file_is_verified_and_the_code_goes_by_the_chosen_method() {
      HeldCertificate c = held(Duration.ofDays(200));

      LifecycleFlow.Submission result =
          flow.startRevocation(
              proof,
              "demo",
              c,
              RevocationChoice.NO_LONGER_NEEDED,
              EnterpriseVerificationDetails.legalRepMobile("13700137003"),
              HandlerCheck.byMobile());

      assertThat(result).isInstanceOf(LifecycleFlow.Submission.Submitted.class);
      Order order = ((LifecycleFlow.Submission.Submitted) result).order();
      assertThat(order.status()).isEqualTo(OrderStatus.APPLICATION_FILLED);
      assertThat(realName.asked.get(0))
          .isEqualTo(
              new MobileThreeFactor("李经办", "110101199003071234", LifecycleFakes.HANDLER_MOBILE));
      String code = phone.lastCodeTo("13700137003");

      assertThat(flow.enterRevocationCode(order.id(), code)).isInstanceOf(CodeEntry.Entered.class);
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.VERIFIED);
    }

    @Test
    void an_enterprise_verification_that_sends_no_code_cancels_the_order_at_once() {
      HeldCertificate c = held(Duration.ofDays(200));
      RealName legalRepFails = new RealName();
      legalRepFails.answer = RealNameVerifier.Result.MISMATCH;

      // the handler passes; the legal representative's mobile does not
      LifecycleFlow.Submission result =
          new LifecycleFlow(
                  lifecycle,
                  orders,
                  enterprise,
                  new ApplicantChecks(
                      administrators, new EnterpriseVerification(codes, sms, legalRepFails, bank)),
                  administrators,
                  sms,
                  LifecycleFakes.DIRECT)
              .startRevocation(
                  proof,
                  "demo",
                  c,
                  RevocationChoice.OTHER,
                  EnterpriseVerificationDetails.legalRepMobile("13700137003"),
                  HandlerCheck.byMobile());

      assertThat(result)
          .isInstanceOfSatisfying(
              LifecycleFlow.Submission.EnterpriseNotVerified.class,
              e ->
                  assertThat(e.result().outcome())
                      .isEqualTo(EnterpriseVerificationResult.Outcome.REAL_NAME_MISMATCH));
      assertThat(repository.orders.values())
          .filteredOn(o -> o.businessType() == BusinessType.REVOCATION)
          .singleElement()
          .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
    }

    @Test
    void a_handler_who_fails_starts_nothing() {
      HeldCertificate c = held(Duration.ofDays(200));
      realName.answer = RealNameVerifier.Result.MISMATCH;

      assertThat(
              flow.startRevocation(
                  proof,
                  "demo",
                  c,
                  RevocationChoice.OTHER,
                  EnterpriseVerificationDetails.legalRepMobile("13700137003"),
                  HandlerCheck.byMobile()))
          .isEqualTo(
              new LifecycleFlow.Submission.NotVerified(
                  LifecycleFlow.Person.HANDLER,
                  AdministratorVerification.Outcome.REAL_NAME_MISMATCH));
      assertThat(ordersOf(BusinessType.REVOCATION)).isZero();
    }

    @Test
    void the_certificate_code_goes_to_the_administrator_and_a_right_one_signs_the_request() {
      HeldCertificate c = held(Duration.ofDays(200));
      Order order =
          ((LifecycleFlow.Submission.Submitted)
                  flow.startRevocation(
                      proof,
                      "demo",
                      c,
                      RevocationChoice.KEY_COMPROMISE,
                      EnterpriseVerificationDetails.legalRepMobile("13700137003"),
                      HandlerCheck.byMobile()))
              .order();
      flow.enterRevocationCode(order.id(), phone.lastCodeTo("13700137003"));

      assertThat(flow.sendCertificateCode(order.id()).status())
          .isEqualTo(SmsCodeResult.Status.SENT);
      String code = phone.lastCodeTo(ADMIN_MOBILE);
      String wrong = code.equals("000000") ? "111111" : "000000";
      assertThat(flow.enterCertificateCode(order.id(), wrong))
          .isInstanceOfSatisfying(
              LifecycleFlow.HolderProof.CodeRefused.class,
              r -> assertThat(r.check().status()).isEqualTo(CodeCheck.Status.WRONG));

      assertThat(flow.enterCertificateCode(order.id(), code))
          .isInstanceOf(LifecycleFlow.HolderProof.Proved.class);
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.CERTIFICATE_VERIFIED);
    }

    @Test
    void a_request_the_certificate_cannot_sign_is_told_apart_from_a_wrong_code() {
      HeldCertificate c = held(Duration.ofDays(200));
      ca.keyOfCertificate.put(c.serialHex(), "some-other-key");
      Order order =
          ((LifecycleFlow.Submission.Submitted)
                  flow.startRevocation(
                      proof,
                      "demo",
                      c,
                      RevocationChoice.KEY_COMPROMISE,
                      EnterpriseVerificationDetails.legalRepMobile("13700137003"),
                      HandlerCheck.byMobile()))
              .order();
      flow.enterRevocationCode(order.id(), phone.lastCodeTo("13700137003"));
      flow.sendCertificateCode(order.id());

      assertThat(flow.enterCertificateCode(order.id(), phone.lastCodeTo(ADMIN_MOBILE)))
          .isInstanceOf(LifecycleFlow.HolderProof.NotSigned.class);
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.VERIFIED);
    }
  }
}
