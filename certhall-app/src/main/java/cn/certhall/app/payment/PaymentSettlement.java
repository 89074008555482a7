package cn.certhall.app.payment;

import cn.certhall.domain.payment.PaymentService;

/**
 * The {@code payment-settlement} job ({@code ScheduledJobs}, one node at a time): closes the unpaid
 * attempts of cancelled orders, refunds paid orders cancelled before review and follows refunds
 * until their provider settles them, for whatever a provider did not answer at the time.
 */
public final class PaymentSettlement {
  private final PaymentService payments;

  public PaymentSettlement(PaymentService payments) {
    this.payments = payments;
  }

  public void run() {
    payments.settle();
  }
}
