package cn.certhall.domain.order;

import java.util.Objects;

/**
 * How the certificate &amp; seal administrator (证书及印章管理员) is verified, one of two. The
 * name, ID type, ID number and mobile are the administrator's on the application form.
 *
 * @param cardNumber     bank card: the card number
 * @param reservedMobile bank card: the bank-reserved mobile (银行预留手机)
 */
public record AdministratorVerification(Method method, String cardNumber, String reservedMobile) {

    public enum Method {
        /** 手机三要素: name, ID number and the administrator's real-name mobile. */
        MOBILE,
        /** 银行卡: name, ID type and number, card number and bank-reserved mobile. */
        BANK_CARD
    }

    public AdministratorVerification {
        Objects.requireNonNull(method, "administrator verification method");
        boolean card = method == Method.BANK_CARD;
        cardNumber = card
                ? Fields.required(cardNumber, "administrator verification card number", Fields.CARD_NUMBER)
                : Fields.absent(cardNumber, "card number", method);
        reservedMobile = card
                ? Fields.required(reservedMobile, "administrator verification mobile", Fields.MOBILE)
                : Fields.absent(reservedMobile, "reserved mobile", method);
    }

    public static AdministratorVerification mobile() {
        return new AdministratorVerification(Method.MOBILE, null, null);
    }

    public static AdministratorVerification bankCard(String cardNumber, String reservedMobile) {
        return new AdministratorVerification(Method.BANK_CARD, cardNumber, reservedMobile);
    }

    @Override
    public String toString() {
        return "AdministratorVerification[" + method + "]";
    }
}
