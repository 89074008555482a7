package cn.certhall.domain.payment;

/** How the payer chose to pay at the cashier (收银台). */
public enum PaymentMethod {
  WECHAT("微信支付"),
  ALIPAY("支付宝"),
  BANK_TRANSFER("对公转账");

  private final String label;

  PaymentMethod(String label) {
    this.label = label;
  }

  /** The cashier's and the receipt's wording. */
  public String label() {
    return label;
  }
}
