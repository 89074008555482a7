package cn.certhall.app.payment;

import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentService;
import com.wechat.pay.java.core.exception.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay's notifications (支付结果通知, 退款结果通知): authenticated by the Wechatpay-Signature (checked
 * with the WeChat Pay public key), not by a session or a CSRF token. A verified notification is
 * recorded once however often WeChat delivers it, and answered 204; a bad signature 401 and one
 * that cannot be read 400, with {@code {"code":"FAIL","message":…}}, which WeChat takes as "not
 * received"; a failure to record 500, so WeChat delivers it again.
 */
@RestController
@ConditionalOnProperty(prefix = "certhall.payment.wechat", name = "enabled", havingValue = "true")
public class WechatPayNotifyController {
  static final String NOTIFY = "/api/payment/wechat/notify";
  static final String REFUND_NOTIFY = "/api/payment/wechat/refund-notify";
  private static final Logger log = LoggerFactory.getLogger(WechatPayNotifyController.class);

  private final WechatPayProvider wechat;
  private final PaymentService payments;

  public WechatPayNotifyController(WechatPayProvider wechat, PaymentService payments) {
    this.wechat = wechat;
    this.payments = payments;
  }

  @PostMapping(path = NOTIFY, consumes = MediaType.ALL_VALUE)
  public ResponseEntity<Map<String, String>> payment(
      @RequestBody(required = false) byte[] body, HttpServletRequest request) {
    Optional<PaymentNotification> notification;
    try {
      notification = wechat.paymentNotification(headers(request), text(body));
    } catch (RuntimeException e) {
      return refused(e);
    }
    try {
      notification.ifPresent(
          n -> {
            PaymentService.Recorded recorded = payments.record(n);
            log.info(
                "WeChat Pay notification {} for payment {}: {}{}",
                n.notificationId(),
                n.paymentId(),
                recorded.result(),
                recorded.duplicate() ? " (again)" : "");
          });
      return ResponseEntity.noContent().build();
    } catch (RuntimeException e) {
      log.warn("WeChat Pay notification not recorded: {}", e.toString());
      return fail(HttpStatus.INTERNAL_SERVER_ERROR, "处理失败，请稍后重试");
    }
  }

  @PostMapping(path = REFUND_NOTIFY, consumes = MediaType.ALL_VALUE)
  public ResponseEntity<Map<String, String>> refund(
      @RequestBody(required = false) byte[] body, HttpServletRequest request) {
    Optional<WechatPayProvider.SettledRefund> settled;
    try {
      settled = wechat.refundNotification(headers(request), text(body));
    } catch (RuntimeException e) {
      return refused(e);
    }
    try {
      settled.ifPresent(s -> payments.recordRefund(s.refundId(), s.result()));
      return ResponseEntity.noContent().build();
    } catch (RuntimeException e) {
      log.warn("WeChat Pay refund notification not recorded: {}", e.toString());
      return fail(HttpStatus.INTERNAL_SERVER_ERROR, "处理失败，请稍后重试");
    }
  }

  private static ResponseEntity<Map<String, String>> refused(RuntimeException e) {
    if (e instanceof ValidationException) {
      log.warn("WeChat Pay notification refused: signature not verified");
      return fail(HttpStatus.UNAUTHORIZED, "签名验证失败");
    }
    log.warn("WeChat Pay notification refused: {}", e.getClass().getSimpleName());
    return fail(HttpStatus.BAD_REQUEST, "通知无法解密或解析");
  }

  private static ResponseEntity<Map<String, String>> fail(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("code", "FAIL", "message", message));
  }

  private static WechatPayProvider.Headers headers(HttpServletRequest r) {
    return new WechatPayProvider.Headers(
        r.getHeader("Wechatpay-Serial"),
        r.getHeader("Wechatpay-Signature"),
        r.getHeader("Wechatpay-Timestamp"),
        r.getHeader("Wechatpay-Nonce"),
        r.getHeader("Wechatpay-Signature-Type"));
  }

  private static String text(byte[] body) {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }
}
