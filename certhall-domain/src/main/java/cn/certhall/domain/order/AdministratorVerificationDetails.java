package cn.certhall.domain.order;

import cn.certhall.domain.verification.AdministratorMethod;
import java.util.Objects;

/**
 * How the certificate &amp; seal administrator (证书及印章管理员) is to be verified, as the application
 * states it: one of two methods and what it needs. The check itself is {@link
 * cn.certhall.domain.verification.AdministratorVerification}. The name, ID type, ID number and
 * mobile are the administrator's on the application form.
 *
 * @param cardNumber bank card: the card number
 * @param reservedMobile bank card: the bank-reserved mobile (银行预留手机)
 */
public record AdministratorVerificationDetails(
    AdministratorMethod method, String cardNumber, String reservedMobile) {

  public AdministratorVerificationDetails {
    Objects.requireNonNull(method, "administrator verification method");
    boolean card = method == AdministratorMethod.BANK_CARD;
    cardNumber =
        card
            ? Fields.required(
                cardNumber, "administrator verification card number", Fields.CARD_NUMBER)
            : Fields.absent(cardNumber, "card number", method);
    reservedMobile =
        card
            ? Fields.required(reservedMobile, "administrator verification mobile", Fields.MOBILE)
            : Fields.absent(reservedMobile, "reserved mobile", method);
  }

  public static AdministratorVerificationDetails mobile() {
    return new AdministratorVerificationDetails(AdministratorMethod.MOBILE, null, null);
  }

  public static AdministratorVerificationDetails bankCard(
      String cardNumber, String reservedMobile) {
    return new AdministratorVerificationDetails(
        AdministratorMethod.BANK_CARD, cardNumber, reservedMobile);
  }

  @Override
  public String toString() {
    return "AdministratorVerificationDetails[" + method + "]";
  }
}
