package cn.certhall.domain.order;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.VerificationContext;
import java.util.Objects;

/**
 * The checks of an application's people by the methods it names (SPEC 3.1 steps 2 and 3), for
 * 单位证书新办 and the certificate's later businesses alike: the administrator by its real-name method,
 * and the organization by its enterprise method, which sends the authorization code.
 */
public final class ApplicantChecks {
  private final AdministratorVerification administrators;
  private final EnterpriseVerification enterprise;

  public ApplicantChecks(
      AdministratorVerification administrators, EnterpriseVerification enterprise) {
    this.administrators = Objects.requireNonNull(administrators, "administrators");
    this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
  }

  /** 证书及印章管理员核验, recorded for {@code orderId} (the order's number, or the one it will take). */
  public AdministratorVerification.Result administrator(
      String orderId, UnitApplication application) {
    UnitApplication.Administrator a = application.administrator();
    AdministratorVerificationDetails details = application.administratorVerification();
    VerificationContext context = VerificationContext.administrator(orderId);
    return switch (details.method()) {
      case MOBILE ->
          administrators.byMobile(
              context, new MobileThreeFactor(a.name(), a.idNumber(), a.mobile()));
      case BANK_CARD ->
          administrators.byBankCard(
              context,
              new BankCardFourFactor(
                  a.name(),
                  a.idType(),
                  a.idNumber(),
                  details.cardNumber(),
                  details.reservedMobile()));
    };
  }

  /**
   * 企业认证 by the application's method: the 证书授权码 by transfer remark or SMS to the legal
   * representative.
   */
  public EnterpriseVerificationResult sendCode(String orderId, UnitApplication application) {
    EnterpriseVerificationDetails details = application.enterpriseVerification();
    UnitApplication.LegalRepresentative legalRep = application.legalRepresentative();
    return switch (details.method()) {
      case CORPORATE_TRANSFER ->
          enterprise.byCorporateTransfer(
              orderId,
              new CorporateAccount(details.accountName(), details.accountNumber(), details.bank()));
      case LEGAL_REP_MOBILE ->
          enterprise.byLegalRepMobile(
              orderId,
              new MobileThreeFactor(legalRep.name(), legalRep.idNumber(), details.mobile()));
      case LEGAL_REP_BANK_CARD ->
          enterprise.byLegalRepBankCard(
              orderId,
              new BankCardFourFactor(
                  legalRep.name(),
                  IdType.RESIDENT_ID_CARD,
                  legalRep.idNumber(),
                  details.cardNumber(),
                  details.mobile()));
    };
  }
}
