package cn.certhall.domain.payment;

import cn.certhall.domain.identity.EmailAddress;
import cn.certhall.domain.order.UnitApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * 开票信息: what the CA's invoice for the fee is made out to, given by the payer at the payment step
 * ({@link #problems} says what is wrong with it as typed; the email is checked as the handler's is,
 * {@link EmailAddress}). {@link #toString()} leaves the email out.
 *
 * @param title 发票抬头
 * @param taxNumber 纳税人识别号 (the credit code unless the payer gives another)
 * @param email where the electronic invoice is sent
 */
public record Invoice(String title, String taxNumber, String email) {
  /** As long as the 发票抬头 field of a VAT invoice takes, in characters. */
  public static final int TITLE_MAX = 100;

  /** 纳税人识别号: the 18-character credit code, or an older 15- or 20-character number. */
  private static final Pattern TAX_NUMBER =
      Pattern.compile("[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20}");

  /**
   * What is wrong with 开票信息 as typed: the form field it belongs to and the message key of its words
   * ({@code i18n/portal*.properties}; {@link #TITLE_TOO_LONG} takes {@link #TITLE_MAX}).
   */
  public enum Problem {
    TITLE_EMPTY("invoiceTitle", "pay.error.invoiceTitle.empty"),
    TITLE_TOO_LONG("invoiceTitle", "pay.error.invoiceTitle.long"),
    TAX_NUMBER_EMPTY("taxNumber", "pay.error.taxNumber.empty"),
    TAX_NUMBER_FORMAT("taxNumber", "pay.error.taxNumber.format"),
    EMAIL_EMPTY("invoiceEmail", "pay.error.email.empty"),
    EMAIL_FORMAT("invoiceEmail", "pay.error.email.format");

    private final String field;
    private final String messageKey;

    Problem(String field, String messageKey) {
      this.field = field;
      this.messageKey = messageKey;
    }

    public String field() {
      return field;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  public Invoice {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(taxNumber, "taxNumber");
    Objects.requireNonNull(email, "email");
  }

  /**
   * 开票信息 as typed: the title and email stripped, the tax number stripped and in capitals (as credit
   * codes are written). {@link #problems()} says whether it can be made out.
   */
  public static Invoice typed(String title, String taxNumber, String email) {
    return new Invoice(
        Objects.requireNonNullElse(title, "").strip(),
        Objects.requireNonNullElse(taxNumber, "").strip().toUpperCase(java.util.Locale.ROOT),
        Objects.requireNonNullElse(email, "").strip());
  }

  /**
   * Who the invoice goes to unless the payer says otherwise: the organization (its name, and its
   * credit code, the tax number of a unit since 2015) at the handler's email.
   */
  public static Invoice defaultFor(UnitApplication application) {
    return new Invoice(
        application.organizationName(), application.creditCode(), application.handler().email());
  }

  /** What keeps this invoice from being made out, one problem at most per field; empty if none. */
  public List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (title.isEmpty()) {
      problems.add(Problem.TITLE_EMPTY);
    } else if (title.codePointCount(0, title.length()) > TITLE_MAX) {
      problems.add(Problem.TITLE_TOO_LONG);
    }
    if (taxNumber.isEmpty()) {
      problems.add(Problem.TAX_NUMBER_EMPTY);
    } else if (!TAX_NUMBER.matcher(taxNumber).matches()) {
      problems.add(Problem.TAX_NUMBER_FORMAT);
    }
    if (email.isEmpty()) {
      problems.add(Problem.EMAIL_EMPTY);
    } else if (!EmailAddress.validate(email).isValid()) {
      problems.add(Problem.EMAIL_FORMAT);
    }
    return List.copyOf(problems);
  }

  @Override
  public String toString() {
    return "Invoice[" + title + ", " + taxNumber + "]";
  }
}
