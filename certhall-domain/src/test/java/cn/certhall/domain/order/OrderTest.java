package cn.certhall.domain.order;

import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.REJECTED;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.UnitApplication.Administrator;
import cn.certhall.domain.order.UnitApplication.Handler;
import cn.certhall.domain.order.UnitApplication.LegalRepresentative;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {

  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final String ID = "CH20270615ABCDEFGHJKLM";

  static Order newOrder() {
    return Order.start(ID, NEW_UNIT_CERTIFICATE, "channel-1", Applications.sample(), NOW);
  }

  @Nested
  class Start {

    @Test
    void begins_on_the_filled_form_with_its_creation_in_the_history() {
      Order order = newOrder();

      assertThat(order.status()).isEqualTo(APPLICATION_FILLED);
      assertThat(order.version()).isZero();
      assertThat(order.createdAt()).isEqualTo(NOW);
      assertThat(order.updatedAt()).isEqualTo(NOW);
      assertThat(order.history())
          .containsExactly(new StatusChange(NOW, null, APPLICATION_FILLED, null));
      assertThat(order.history().get(0).isCreation()).isTrue();
      assertThat(order.isFinished()).isFalse();
    }

    @Test
    void is_for_the_organization_whose_credit_code_is_on_the_form_in_upper_case() {
      Order order =
          Order.start(
              ID,
              NEW_UNIT_CERTIFICATE,
              "channel-1",
              Applications.sample(" 91350100m000100y43 "),
              NOW);

      assertThat(order.applicant())
          .isEqualTo(new ApplicantId(IdType.UNIFIED_SOCIAL_CREDIT_CODE, Applications.CREDIT_CODE));
      assertThat(order.application().creditCode()).isEqualTo(Applications.CREDIT_CODE);
    }

    @Test
    void needs_an_order_number_and_a_channel() {
      assertThatThrownBy(
              () -> Order.start(" ", NEW_UNIT_CERTIFICATE, "channel-1", Applications.sample(), NOW))
          .hasMessage("order id is required");
      assertThatThrownBy(
              () -> Order.start(ID, NEW_UNIT_CERTIFICATE, "", Applications.sample(), NOW))
          .hasMessage("channel id is required");
      assertThatThrownBy(
              () ->
                  Order.start(ID, NEW_UNIT_CERTIFICATE, "c".repeat(65), Applications.sample(), NOW))
          .hasMessage("channel id is longer than 64 characters");
    }
  }

  @Nested
  class Changes {

    @Test
    void a_move_returns_a_new_order_and_leaves_the_old_one_as_it_was() {
      Order order = newOrder();

      Order moved = order.moveTo(VERIFIED, NOW.plusSeconds(5), null);

      assertThat(moved).isNotSameAs(order);
      assertThat(order.status()).isEqualTo(APPLICATION_FILLED);
      assertThat(order.history()).hasSize(1);
      assertThat(moved.history()).hasSize(2);
    }

    @Test
    void the_application_can_be_changed_on_the_form_without_a_history_line() {
      Order order = newOrder();
      UnitApplication corrected = withOrganizationName("福州测试科技股份有限公司");

      Order changed = order.withApplication(corrected, NOW.plusSeconds(9));

      assertThat(changed.application()).isEqualTo(corrected);
      assertThat(changed.version()).isEqualTo(1);
      assertThat(changed.updatedAt()).isEqualTo(NOW.plusSeconds(9));
      assertThat(changed.history()).isEqualTo(order.history());
    }

    @Test
    void the_application_can_be_corrected_after_a_rejection_but_not_while_waiting() {
      Order rejected = OrderWorkflowTest.orderIn(NEW_UNIT_CERTIFICATE, REJECTED);
      Order verified = OrderWorkflowTest.orderIn(NEW_UNIT_CERTIFICATE, VERIFIED);
      UnitApplication corrected = withOrganizationName("福州测试科技股份有限公司");

      assertThat(rejected.withApplication(corrected, NOW).application()).isEqualTo(corrected);
      assertThatThrownBy(() -> verified.withApplication(corrected, NOW))
          .isInstanceOfSatisfying(
              OrderNotEditableException.class, e -> assertThat(e.status()).isEqualTo(VERIFIED))
          .hasMessage("order CH20270615TESTTESTTEST cannot be edited in VERIFIED");
    }

    @Test
    void the_credit_code_cannot_change() {
      assertThatThrownBy(
              () -> newOrder().withApplication(Applications.sample("91110000100000000X"), NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("credit code");
    }

    private UnitApplication withOrganizationName(String name) {
      UnitApplication a = Applications.sample();
      return new UnitApplication(
          name,
          a.creditCode(),
          a.legalRepresentative(),
          a.handler(),
          a.administrator(),
          a.enterpriseVerification(),
          a.administratorVerification());
    }
  }

  @Nested
  class Restore {
    final Order order = newOrder().moveTo(VERIFIED, NOW.plusSeconds(1), null);

    @Test
    void gives_back_the_same_order() {
      Order restored = restore(order.status(), order.applicant(), order.history());

      assertThat(restored).usingRecursiveComparison().isEqualTo(order);
    }

    @Test
    void refuses_a_history_that_does_not_end_in_the_status() {
      assertThatThrownBy(() -> restore(APPLICATION_FILLED, order.applicant(), order.history()))
          .hasMessageContaining("history does not end in APPLICATION_FILLED");
    }

    @Test
    void refuses_a_history_without_its_creation_or_with_a_gap() {
      StatusChange created = order.history().get(0);
      StatusChange gap = new StatusChange(NOW, OrderStatus.CONFIRMED, VERIFIED, null);

      assertThatThrownBy(
              () -> restore(VERIFIED, order.applicant(), List.of(order.history().get(1))))
          .hasMessageContaining("history must start with the creation");
      assertThatThrownBy(() -> restore(VERIFIED, order.applicant(), List.of(created, gap)))
          .hasMessageContaining("history line 2 does not follow");
    }

    @Test
    void refuses_an_applicant_other_than_the_organization() {
      assertThatThrownBy(
              () -> restore(VERIFIED, ApplicantId.unit("91110000100000000X"), order.history()))
          .hasMessageContaining("the applicant is not the organization applying");
    }

    private Order restore(OrderStatus status, ApplicantId applicant, List<StatusChange> history) {
      return Order.restore(
          order.id(),
          order.businessType(),
          order.channelId(),
          applicant,
          order.application(),
          status,
          order.version(),
          order.createdAt(),
          order.updatedAt(),
          history);
    }
  }

  @Nested
  class PersonalData {

    @Test
    void stays_out_of_the_text_of_an_order_and_its_parts() {
      Order order = newOrder();
      UnitApplication a = order.application();
      String text =
          String.join(
              " ",
              order.toString(),
              order.applicant().toString(),
              a.toString(),
              a.legalRepresentative().toString(),
              a.handler().toString(),
              a.administrator().toString(),
              a.enterpriseVerification().toString(),
              a.administratorVerification().toString(),
              EnterpriseVerificationDetails.legalRepBankCard("6222600260001072444", "13700137003")
                  .toString());

      assertThat(text).doesNotContain(Applications.personalValues());
      assertThat(text).contains(ID, "福州测试科技有限公司", "CORPORATE_TRANSFER", "BANK_CARD");
    }

    @Test
    void stays_out_of_the_messages_of_refused_fields() {
      String longName = "张".repeat(101);

      assertThatThrownBy(() -> new LegalRepresentative(longName, "11010519491231002X"))
          .hasMessage("legal representative name is longer than 100 characters");
    }
  }

  @Nested
  class Form {

    @Test
    void trims_fields_and_upper_cases_id_numbers() {
      Handler handler =
          new Handler(
              " 李经办 ", IdType.RESIDENT_ID_CARD, "11010519491231002x", " 13800138001", "a@b.cn");

      assertThat(handler.name()).isEqualTo("李经办");
      assertThat(handler.idNumber()).isEqualTo("11010519491231002X");
      assertThat(handler.mobile()).isEqualTo("13800138001");
    }

    @Test
    void requires_every_field_of_the_people() {
      assertThatThrownBy(
              () ->
                  new Handler(
                      "李经办", IdType.RESIDENT_ID_CARD, "11010519491231002X", "13800138001", " "))
          .hasMessage("handler email is required");
      assertThatThrownBy(() -> new Administrator("王管理", IdType.PASSPORT, "", "13900139002"))
          .hasMessage("administrator ID number is required");
      assertThatThrownBy(() -> new Administrator("王管理", null, "E12345678", "13900139002"))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void people_hold_personal_documents_not_credit_codes() {
      assertThatThrownBy(
              () ->
                  new Administrator(
                      "王管理",
                      IdType.UNIFIED_SOCIAL_CREDIT_CODE,
                      "91350100M000100Y43",
                      "13900139002"))
          .hasMessage(
              "administrator ID type must be a personal document, not UNIFIED_SOCIAL_CREDIT_CODE");
    }

    @Test
    void each_enterprise_verification_method_takes_its_own_fields() {
      assertThat(EnterpriseVerificationDetails.legalRepMobile("13800138001"))
          .extracting(
              EnterpriseVerificationDetails::method,
              EnterpriseVerificationDetails::mobile,
              EnterpriseVerificationDetails::bank)
          .containsExactly(EnterpriseMethod.LEGAL_REP_MOBILE, "13800138001", null);
      assertThatThrownBy(
              () ->
                  EnterpriseVerificationDetails.corporateTransfer(
                      "福州测试科技有限公司", "6222020200112233445", " "))
          .hasMessage("enterprise verification bank is required");
      assertThatThrownBy(() -> EnterpriseVerificationDetails.legalRepBankCard(null, "13800138001"))
          .hasMessage("enterprise verification card number is required");
      assertThatThrownBy(
              () ->
                  new EnterpriseVerificationDetails(
                      EnterpriseMethod.LEGAL_REP_MOBILE, "name", null, null, null, "13800138001"))
          .hasMessage("account name does not belong to LEGAL_REP_MOBILE");
    }

    @Test
    void fields_a_method_does_not_use_may_come_blank_and_are_dropped() {
      EnterpriseVerificationDetails transfer =
          new EnterpriseVerificationDetails(
              EnterpriseMethod.CORPORATE_TRANSFER,
              "福州测试科技有限公司",
              "6222020200112233445",
              "其他银行",
              "",
              " ");
      AdministratorVerificationDetails mobile =
          new AdministratorVerificationDetails(AdministratorMethod.MOBILE, "", null);

      assertThat(transfer.cardNumber()).isNull();
      assertThat(transfer.mobile()).isNull();
      assertThat(mobile.cardNumber()).isNull();
    }

    @Test
    void each_administrator_verification_method_takes_its_own_fields() {
      assertThat(
              AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003")
                  .reservedMobile())
          .isEqualTo("13700137003");
      assertThatThrownBy(
              () -> AdministratorVerificationDetails.bankCard("6222600260001072444", null))
          .hasMessage("administrator verification mobile is required");
      assertThatThrownBy(
              () ->
                  new AdministratorVerificationDetails(
                      AdministratorMethod.MOBILE, "6222600260001072444", null))
          .hasMessage("card number does not belong to MOBILE");
    }
  }
}
