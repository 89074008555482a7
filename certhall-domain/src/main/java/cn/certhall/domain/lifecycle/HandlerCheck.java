package cn.certhall.domain.lifecycle;

import cn.certhall.domain.verification.AdministratorMethod;
import java.util.Objects;

/**
 * 经办人核验 as the form chose it: 手机三要素 with the handler on the application, or the handler's bank card
 * (card number and the bank-reserved mobile, both already checked for format).
 */
public record HandlerCheck(AdministratorMethod method, String cardNumber, String reservedMobile) {

  public HandlerCheck {
    Objects.requireNonNull(method, "method");
    if (method == AdministratorMethod.BANK_CARD) {
      Objects.requireNonNull(cardNumber, "cardNumber");
      Objects.requireNonNull(reservedMobile, "reservedMobile");
    }
  }

  public static HandlerCheck byMobile() {
    return new HandlerCheck(AdministratorMethod.MOBILE, null, null);
  }

  public static HandlerCheck byBankCard(String cardNumber, String reservedMobile) {
    return new HandlerCheck(AdministratorMethod.BANK_CARD, cardNumber, reservedMobile);
  }

  @Override
  public String toString() {
    return "HandlerCheck[" + method + "]";
  }
}
