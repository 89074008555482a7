package cn.certhall.app.payment.alipay;

import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alipay's asynchronous notification (异步通知): Alipay posts the trade's fields as a form, signed RSA2
 * with its private key, and posts again until it reads {@code success}. No session and no CSRF
 * token come with it ({@link AlipayConfiguration} exempts exactly this path); the signature is its
 * authentication. A paid trade goes to {@link PaymentService#record}, which checks the amount and
 * records it once however often it comes.
 *
 * <p>Answers {@code failure} for what is not Alipay's word on one of our payments (a signature that
 * does not verify, another app_id, no such payment, another amount): nothing is recorded for a bad
 * signature or app_id.
 */
@RestController
@ConditionalOnProperty(prefix = "certhall.payment.alipay", name = "enabled", havingValue = "true")
public class AlipayNotifyController {
  private static final Logger log = LoggerFactory.getLogger(AlipayNotifyController.class);
  static final String SUCCESS = "success";
  static final String FAILURE = "failure";

  private final AlipayPaymentProvider alipay;
  private final PaymentService payments;

  public AlipayNotifyController(
      @Qualifier(AlipayConfiguration.PROVIDER) AlipayPaymentProvider alipay,
      PaymentService payments) {
    this.alipay = alipay;
    this.payments = payments;
  }

  @PostMapping(
      path = AlipayPaymentProvider.NOTIFY_PATH,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_PLAIN_VALUE)
  public String notify(HttpServletRequest request) {
    Map<String, String> form = new HashMap<>();
    for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
      if (field.getValue().length != 1) {
        log.warn("Alipay notification refused: a field given {} times", field.getValue().length);
        return FAILURE;
      }
      form.put(field.getKey(), field.getValue()[0]);
    }
    Optional<PaymentNotification> notification;
    try {
      notification = alipay.notification(form);
    } catch (AlipayPaymentProvider.RejectedNotification rejected) {
      // nothing of an unauthenticated form goes to the log
      log.warn("Alipay notification refused: {}", rejected.getMessage());
      return FAILURE;
    }
    if (notification.isEmpty()) {
      // WAIT_BUYER_PAY or TRADE_CLOSED: acknowledged, nothing to settle
      return SUCCESS;
    }
    PaymentService.Recorded recorded = payments.record(notification.get());
    return switch (recorded.result()) {
      case SUBMITTED, FAILED, REFUND_DUE, ALREADY_SETTLED -> SUCCESS;
      case AMOUNT_MISMATCH, UNKNOWN_PAYMENT -> {
        log.warn(
            "Alipay notification {} for payment {} not applied: {}",
            notification.get().notificationId(),
            notification.get().paymentId(),
            recorded.result());
        yield FAILURE;
      }
    };
  }
}
