package cn.certhall.domain.notification;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The texts of the review results (审核结果通知), as SPEC 3.1 step 9 asks: to the handler by SMS and
 * email, with the reason when rejected; and of the cancellation of an inactive order, before and
 * when it happens. Queued in the caller's transaction: a rejection or cancellation with the
 * decision, an approval with the transaction that issued or revoked the certificate, so a notice of
 * something done says it is done (已签发, 已吊销); only the cancellation warning speaks ahead.
 */
public final class Notifications {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(CertificateRules.CHINA_TIME);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CertificateRules.CHINA_TIME);

  private final NotificationOutbox outbox;
  private final Clock clock;

  public Notifications(NotificationOutbox outbox, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * 审核通过 and done: the certificate was issued (new, renewal, change) and synced to the channel.
   * Sent from the transaction that finished the order, so it says what happened.
   */
  public void issued(Order order, String serialHex, Instant notAfter) {
    String business = businessName(order.businessType());
    String until = DAY.format(notAfter);
    String done = "证书已签发（序列号 " + serialHex + "，有效期至 " + until + "），已同步至您办理业务的平台。";
    queue(
        order,
        SmsMessage.of(SmsTemplate.CERTIFICATE_ISSUED, business, order.id(), serialHex, until),
        business + "申请已审核通过，证书已签发（订单号 " + order.id() + "）",
        approved(order, business) + done,
        "The "
            + englishName(order.businessType())
            + " application of order "
            + order.id()
            + " was approved. The certificate has been issued (serial "
            + serialHex
            + ", valid until "
            + until
            + ") and sent to the platform where you applied.");
  }

  /** 某单位的某业务申请（订单号 …）已审核通过。: how an approval's email begins. */
  private static String approved(Order order, String business) {
    return order.application().organizationName()
        + "的"
        + business
        + "申请（订单号 "
        + order.id()
        + "）已审核通过。";
  }

  /** 审核通过 and done: the certificate was revoked (published in the CRL and by OCSP). */
  public void revoked(Order order, String serialHex, Instant revokedAt) {
    String business = businessName(order.businessType());
    String at = MINUTE.format(revokedAt);
    String done = "证书已于 " + at + " 吊销（序列号 " + serialHex + "），不能再使用。";
    queue(
        order,
        SmsMessage.of(SmsTemplate.CERTIFICATE_REVOKED, business, order.id(), at, serialHex),
        business + "申请已审核通过，证书已吊销（订单号 " + order.id() + "）",
        approved(order, business) + done,
        "The revocation application of order "
            + order.id()
            + " was approved. The certificate"
            + " (serial "
            + serialHex
            + ") was revoked at "
            + at
            + " and can no longer"
            + " be used.");
  }

  /** 审核未通过, with the reason as the reviewer gave it. */
  public void rejected(Order order, String reason) {
    String business = businessName(order.businessType());
    queue(
        order,
        SmsMessage.of(SmsTemplate.APPLICATION_REJECTED, business, order.id(), reason),
        business + "申请审核未通过（订单号 " + order.id() + "）",
        order.application().organizationName()
            + "的"
            + business
            + "申请（订单号 "
            + order.id()
            + "）审核未通过。\n\n原因："
            + reason
            + "\n\n请打开证书业务系统的“我的订单”，对该订单选择“继续办理”，修改后重新提交。"
            + "订单及其办理记录保持不变，无需重新申请。",
        "The "
            + englishName(order.businessType())
            + " application of order "
            + order.id()
            + " was not approved. Reason: "
            + reason
            + "\n\nOpen My orders (我的订单) in"
            + " the certificate business hall, choose Continue for this order, correct it"
            + " and submit it again; the order and its history are kept.");
  }

  /** The order will be cancelled at {@code cancelAt} unless the applicant continues it. */
  public void cancellationAhead(Order order, Instant cancelAt) {
    String business = businessName(order.businessType());
    String when = MINUTE.format(cancelAt);
    queue(
        order,
        SmsMessage.of(SmsTemplate.CANCELLATION_AHEAD, business, order.id(), when),
        business + "订单即将自动取消（订单号 " + order.id() + "）",
        order.application().organizationName()
            + "的"
            + business
            + "订单（订单号 "
            + order.id()
            + "）长期无任何操作，将于 "
            + when
            + "（北京时间）自动取消。\n\n"
            + "如需继续办理，请在此之前打开证书业务系统的“我的订单”，对该订单选择“继续办理”；"
            + "完成任何一步操作后，订单将不会被取消。",
        "Your "
            + englishName(order.businessType())
            + " order "
            + order.id()
            + " has had no"
            + " activity for a long time and will be cancelled automatically at "
            + when
            + " (Beijing time). To keep it, choose Continue for it in My orders (我的订单)"
            + " before then; any step keeps the order.");
  }

  /** The order was cancelled after {@code days} days without activity. */
  public void cancelledForInactivity(Order order, long days) {
    String business = businessName(order.businessType());
    queue(
        order,
        SmsMessage.of(
            SmsTemplate.CANCELLED_FOR_INACTIVITY, business, order.id(), Long.toString(days)),
        business + "订单已自动取消（订单号 " + order.id() + "）",
        order.application().organizationName()
            + "的"
            + business
            + "订单（订单号 "
            + order.id()
            + "）超过 "
            + days
            + " 天无任何操作，已由系统自动取消。\n\n"
            + "如仍需办理，请重新提交申请。",
        "Your "
            + englishName(order.businessType())
            + " order "
            + order.id()
            + " had no"
            + " activity for more than "
            + days
            + " days and has been cancelled"
            + " automatically. To apply, please start a new application.");
  }

  /** Chinese first; the email repeats it in English for handlers who read that. */
  private void queue(Order order, SmsMessage sms, String subject, String text, String english) {
    UnitApplication.Handler handler = order.application().handler();
    outbox.enqueue(Notification.sms(handler.mobile(), sms, order.id()), clock.instant());
    String email =
        handler.name()
            + "，您好：\n\n"
            + text
            + "\n\n此邮件由系统自动发送，请勿回复。\ncerthall 证书业务系统"
            + "\n\n----\n"
            + english
            + "\n\nThis email was sent automatically; please do not reply.\ncerthall certificate"
            + " business hall";
    outbox.enqueue(
        Notification.email(handler.email(), subject, email, order.id()), clock.instant());
  }

  static String englishName(BusinessType type) {
    return switch (type) {
      case NEW_UNIT_CERTIFICATE -> "new unit certificate";
      case RENEWAL -> "certificate renewal";
      case INFORMATION_CHANGE -> "information change";
      case REVOCATION -> "certificate revocation";
    };
  }

  static String businessName(BusinessType type) {
    return switch (type) {
      case NEW_UNIT_CERTIFICATE -> "单位证书新办";
      case RENEWAL -> "单位证书更新";
      case INFORMATION_CHANGE -> "单位信息变更";
      case REVOCATION -> "单位证书吊销";
    };
  }
}
