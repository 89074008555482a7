package cn.certhall.domain.payment;

/**
 * A payment provider (支付渠道): opens a payment at its cashier and later notifies its outcome,
 * which reaches {@link PaymentService#record}. The sandbox is one (see docs/sandbox.md); a real
 * one would be an adapter to a bank or a wallet, its notifications arriving at a webhook.
 */
public interface PaymentProvider {

    /**
     * Opens the payment {@code request} at the provider.
     *
     * @return where to send the payer, and the provider's reference
     */
    Checkout checkout(PaymentRequest request);

    /**
     * What the provider is asked to collect.
     *
     * @param paymentId certhall's id of the payment (the merchant's order number at the provider)
     * @param attempt 1 for the order's first payment, one more for each new try
     * @param subject what the payer sees (证书费用 and the order number)
     * @param payerName the organization paying
     * @param method how the payer chose to pay
     */
    record PaymentRequest(
            String paymentId,
            String orderId,
            int attempt,
            long amountFen,
            String subject,
            String payerName,
            PaymentMethod method) {
        @Override
        public String toString() {
            return "PaymentRequest[" + paymentId + ", " + orderId + ", attempt " + attempt + ", " + amountFen + " fen, " + method + "]";
        }
    }

    /**
     * @param providerReference the provider's id of the payment
     * @param cashierUrl where the payer pays, or null when the provider needs no visit
     */
    record Checkout(String providerReference, String cashierUrl) {}
}
