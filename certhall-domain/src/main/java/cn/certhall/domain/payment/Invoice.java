package cn.certhall.domain.payment;

import java.util.Objects;

/**
 * 开票信息: what the CA's invoice for the fee is made out to, given by the payer at the payment step.
 * The formats are checked where the form is taken in; {@link #toString()} leaves the email out.
 *
 * @param title 发票抬头
 * @param taxNumber 纳税人识别号 (the credit code unless the payer gives another)
 * @param email where the electronic invoice is sent
 */
public record Invoice(String title, String taxNumber, String email) {

  public Invoice {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(taxNumber, "taxNumber");
    Objects.requireNonNull(email, "email");
  }

  @Override
  public String toString() {
    return "Invoice[" + title + ", " + taxNumber + "]";
  }
}
