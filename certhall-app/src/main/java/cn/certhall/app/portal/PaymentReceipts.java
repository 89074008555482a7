package cn.certhall.app.portal;

import cn.certhall.documents.template.PaymentReceipt;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * 支付凭证: the receipt of the attempt that paid an order, made on each download from the payment as
 * recorded (nothing to store, nothing to go stale). Whoever calls it has checked that the session
 * may see the order.
 */
@Component
public class PaymentReceipts {
  private final PaymentService payments;
  private final PdfTemplates templates;

  public PaymentReceipts(PaymentService payments, PdfTemplates templates) {
    this.payments = payments;
    this.templates = templates;
  }

  /** Whether the order was paid, so has a receipt. */
  public boolean hasReceipt(Order order) {
    return payments.paid(order.id()).isPresent();
  }

  /** The receipt PDF; empty when no attempt paid the order. */
  public Optional<byte[]> receipt(Order order) {
    return payments.paid(order.id()).map(p -> templates.paymentReceipt(of(order, p)));
  }

  private static PaymentReceipt of(Order order, Payment p) {
    String method = p.method() == null ? "—" : p.method().label();
    String transaction = p.providerReference() != null ? p.providerReference() : p.id();
    return new PaymentReceipt(
        order.id(),
        order.application().organizationName(),
        FeeSchedule.yuan(p.amountFen()),
        method,
        p.settledAt(),
        transaction);
  }
}
