package cn.certhall.domain.verification;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.Masking;
import java.util.Locale;
import java.util.Objects;

/**
 * 银行卡四要素: a person's name and ID document, a bank card in their name, and the mobile the bank has
 * on file for the card (银行预留手机).
 */
public record BankCardFourFactor(
    String name, IdType idType, String idNumber, String cardNumber, String reservedMobile) {

  public BankCardFourFactor {
    name = Inputs.required(name, "name", Inputs.NAME);
    Objects.requireNonNull(idType, "ID type");
    if (!idType.isPersonal()) {
      throw new IllegalArgumentException("ID type must be a personal document, not " + idType);
    }
    idNumber = Inputs.required(idNumber, "ID number", Inputs.ID_NUMBER).toUpperCase(Locale.ROOT);
    cardNumber = Inputs.cardNumber(cardNumber, "card number");
    reservedMobile = Inputs.mobile(reservedMobile, "reserved mobile");
  }

  @Override
  public String toString() {
    return "BankCardFourFactor["
        + idType
        + ", card "
        + Masking.lastFour(cardNumber)
        + ", mobile "
        + Masking.mobile(reservedMobile)
        + "]";
  }
}
