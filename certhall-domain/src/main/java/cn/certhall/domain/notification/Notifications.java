package cn.certhall.domain.notification;

import cn.certhall.domain.notification.Notification.Channel;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.certificate.CertificateRules;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The texts of the review results (审核结果通知), as SPEC 3.1 step 9 asks: to the handler by SMS and
 * email, with the reason when rejected; and of the cancellation of an inactive order, before and
 * when it happens. Queued in the caller's transaction.
 */
public final class Notifications {
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private final NotificationOutbox outbox;
    private final Clock clock;

    public Notifications(NotificationOutbox outbox, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** 审核通过. */
    public void approved(Order order) {
        String business = businessName(order.businessType());
        String next = order.businessType() == BusinessType.REVOCATION
                ? "证书即将吊销。"
                : "证书正在签发，签发后将同步至您办理业务的平台。";
        queue(order,
                "您的" + business + "申请已审核通过（订单号 " + order.id() + "），" + next,
                business + "申请审核通过（订单号 " + order.id() + "）",
                order.application().organizationName() + "的" + business + "申请（订单号 " + order.id()
                        + "）已审核通过。" + next);
    }

    /** 审核未通过, with the reason as the reviewer gave it. */
    public void rejected(Order order, String reason) {
        String business = businessName(order.businessType());
        queue(order,
                "您的" + business + "申请审核未通过（订单号 " + order.id() + "），原因：" + reason
                        + "。请在“我的订单”中继续办理，修改后重新提交。",
                business + "申请审核未通过（订单号 " + order.id() + "）",
                order.application().organizationName() + "的" + business + "申请（订单号 " + order.id()
                        + "）审核未通过。\n\n原因：" + reason
                        + "\n\n请打开证书业务系统的“我的订单”，对该订单选择“继续办理”，修改后重新提交。"
                        + "订单及其办理记录保持不变，无需重新申请。");
    }

    /** The order will be cancelled at {@code cancelAt} unless the applicant continues it. */
    public void cancellationAhead(Order order, Instant cancelAt) {
        String business = businessName(order.businessType());
        String when = SHOWN_TIME.format(cancelAt.atZone(CertificateRules.CHINA_TIME));
        queue(order,
                "您的" + business + "订单（订单号 " + order.id() + "）长期无操作，将于 " + when
                        + " 自动取消。如需继续，请在“我的订单”中继续办理。",
                business + "订单即将自动取消（订单号 " + order.id() + "）",
                order.application().organizationName() + "的" + business + "订单（订单号 " + order.id()
                        + "）长期无任何操作，将于 " + when + "（北京时间）自动取消。\n\n"
                        + "如需继续办理，请在此之前打开证书业务系统的“我的订单”，对该订单选择“继续办理”；"
                        + "完成任何一步操作后，订单将不会被取消。");
    }

    /** The order was cancelled after {@code days} days without activity. */
    public void cancelledForInactivity(Order order, long days) {
        String business = businessName(order.businessType());
        queue(order,
                "您的" + business + "订单（订单号 " + order.id() + "）超过 " + days
                        + " 天无操作，已自动取消。如需办理，请重新申请。",
                business + "订单已自动取消（订单号 " + order.id() + "）",
                order.application().organizationName() + "的" + business + "订单（订单号 " + order.id()
                        + "）超过 " + days + " 天无任何操作，已由系统自动取消。\n\n"
                        + "如仍需办理，请重新提交申请。");
    }

    private void queue(Order order, String sms, String subject, String text) {
        UnitApplication.Handler handler = order.application().handler();
        outbox.enqueue(new Notification(Channel.SMS, handler.mobile(), null, sms, order.id()), clock.instant());
        String email = handler.name() + "，您好：\n\n" + text
                + "\n\n此邮件由系统自动发送，请勿回复。\ncerthall 证书业务系统";
        outbox.enqueue(new Notification(Channel.EMAIL, handler.email(), subject, email, order.id()), clock.instant());
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
