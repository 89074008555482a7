package cn.certhall.domain.order;

import static cn.certhall.domain.order.ApplicationCorrection.Check.ADMINISTRATOR;
import static cn.certhall.domain.order.ApplicationCorrection.Check.ENTERPRISE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.UnitApplication.Administrator;
import cn.certhall.domain.order.UnitApplication.Handler;
import cn.certhall.domain.order.UnitApplication.LegalRepresentative;
import org.junit.jupiter.api.Test;

/**
 * Which verifications a correction of a rejected application makes owed again (docs/decisions.md).
 */
class ApplicationCorrectionTest {
  private final UnitApplication before = Applications.sample();

  @Test
  void an_unchanged_form_or_a_changed_handler_owes_no_verification() {
    assertThat(ApplicationCorrection.owed(before, Applications.sample())).isEmpty();
    UnitApplication handler =
        with(
            before,
            new Handler(
                "赵经办",
                IdType.RESIDENT_ID_CARD,
                "110101199003071234",
                "13800138009",
                "other@example.cn"));
    assertThat(ApplicationCorrection.owed(before, handler)).isEmpty();
  }

  @Test
  void
      the_legal_representative_the_name_or_the_enterprise_method_owe_the_enterprise_verification() {
    assertThat(
            ApplicationCorrection.owed(
                before,
                new UnitApplication(
                    "福州测试科技股份有限公司",
                    before.creditCode(),
                    before.legalRepresentative(),
                    before.handler(),
                    before.administrator(),
                    before.enterpriseVerification(),
                    before.administratorVerification())))
        .containsExactly(ENTERPRISE);
    assertThat(
            ApplicationCorrection.owed(
                before,
                new UnitApplication(
                    before.organizationName(),
                    before.creditCode(),
                    new LegalRepresentative("陈法人", "11010519491231002X"),
                    before.handler(),
                    before.administrator(),
                    before.enterpriseVerification(),
                    before.administratorVerification())))
        .containsExactly(ENTERPRISE);
    assertThat(
            ApplicationCorrection.owed(
                before,
                new UnitApplication(
                    before.organizationName(),
                    before.creditCode(),
                    before.legalRepresentative(),
                    before.handler(),
                    before.administrator(),
                    EnterpriseVerificationDetails.legalRepMobile("13800138005"),
                    before.administratorVerification())))
        .containsExactly(ENTERPRISE);
  }

  @Test
  void the_administrator_or_the_administrator_method_owe_the_administrator_verification() {
    assertThat(
            ApplicationCorrection.owed(
                before,
                new UnitApplication(
                    before.organizationName(),
                    before.creditCode(),
                    before.legalRepresentative(),
                    before.handler(),
                    new Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139099"),
                    before.enterpriseVerification(),
                    before.administratorVerification())))
        .containsExactly(ADMINISTRATOR);
    assertThat(
            ApplicationCorrection.owed(
                before,
                new UnitApplication(
                    before.organizationName(),
                    before.creditCode(),
                    before.legalRepresentative(),
                    before.handler(),
                    before.administrator(),
                    before.enterpriseVerification(),
                    AdministratorVerificationDetails.mobile())))
        .containsExactly(ADMINISTRATOR);
  }

  private static UnitApplication with(UnitApplication a, Handler handler) {
    return new UnitApplication(
        a.organizationName(),
        a.creditCode(),
        a.legalRepresentative(),
        handler,
        a.administrator(),
        a.enterpriseVerification(),
        a.administratorVerification());
  }
}
