package cn.certhall.documents.template;

import java.time.Instant;
import java.util.Objects;

/**
 * What a 支付凭证 (payment receipt) shows.
 *
 * @param amountYuan the amount in 元 with two decimals ("500.00")
 * @param method the payment method as the cashier names it (支付宝)
 * @param transactionId the provider's id of the payment (交易流水号)
 */
public record PaymentReceipt(
    String orderId,
    String organizationName,
    String amountYuan,
    String method,
    Instant paidAt,
    String transactionId) {

  public PaymentReceipt {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(amountYuan, "amountYuan");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(transactionId, "transactionId");
  }
}
