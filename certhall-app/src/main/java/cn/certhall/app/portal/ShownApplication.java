package cn.certhall.app.portal;

import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;

/**
 * The application as the confirmation page shows it back (SPEC 4): the organization in full (its
 * name and credit code are public), every person's data masked — names to the surname, ID numbers
 * as 110***********1234, mobiles as 138****5678, cards as 6222 **** **** 1234.
 */
public record ShownApplication(
    String organizationName,
    String creditCode,
    String legalRepName,
    String legalRepIdNumber,
    String handlerName,
    String handlerIdType,
    String handlerIdNumber,
    String handlerMobile,
    String handlerEmail,
    String adminName,
    String adminIdType,
    String adminIdNumber,
    String adminMobile,
    String enterpriseMethod,
    String accountName,
    String accountNumber,
    String bank,
    String enterpriseCardNumber,
    String enterpriseMobile,
    String adminMethod,
    String adminCardNumber,
    String adminCardMobile) {

  public static ShownApplication of(UnitApplication a) {
    EnterpriseVerificationDetails e = a.enterpriseVerification();
    AdministratorVerificationDetails v = a.administratorVerification();
    boolean adminCard = v.method() == AdministratorMethod.BANK_CARD;
    return new ShownApplication(
        a.organizationName(),
        a.creditCode(),
        Masking.name(a.legalRepresentative().name()),
        Masking.idNumber(a.legalRepresentative().idNumber()),
        Masking.name(a.handler().name()),
        a.handler().idType().name(),
        Masking.idNumber(a.handler().idNumber()),
        Masking.mobile(a.handler().mobile()),
        Masking.email(a.handler().email()),
        Masking.name(a.administrator().name()),
        a.administrator().idType().name(),
        Masking.idNumber(a.administrator().idNumber()),
        Masking.mobile(a.administrator().mobile()),
        e.method().name(),
        e.accountName(),
        e.accountNumber() == null ? null : Masking.bankCard(e.accountNumber()),
        e.bank(),
        e.cardNumber() == null ? null : Masking.bankCard(e.cardNumber()),
        e.mobile() == null ? null : Masking.mobile(e.mobile()),
        v.method().name(),
        adminCard ? Masking.bankCard(v.cardNumber()) : null,
        adminCard ? Masking.mobile(v.reservedMobile()) : null);
  }
}
