package cn.certhall.documents.template;

import java.util.Objects;

/**
 * What the templates print about an order: the application form's data, worded for people (labels,
 * not enum names). The app fills it from the order; this module knows no order.
 *
 * @param businessType the business in the manual's words (单位证书新办, …)
 * @param enterpriseVerification the enterprise verification method chosen, in words
 * @param administratorVerification the administrator verification method chosen, in words
 */
public record Particulars(
    String orderId,
    String businessType,
    String channelId,
    String organizationName,
    String creditCode,
    Person legalRepresentative,
    Person handler,
    String handlerEmail,
    Person administrator,
    String enterpriseVerification,
    String administratorVerification) {

  public Particulars {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(legalRepresentative, "legalRepresentative");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(administrator, "administrator");
  }

  @Override
  public String toString() {
    return "Particulars[" + orderId + ", personal data withheld]";
  }
}
