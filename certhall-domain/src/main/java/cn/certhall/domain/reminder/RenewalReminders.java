package cn.certhall.domain.reminder;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.NotificationOutbox;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renewal reminders (证书到期提醒): the handler (SMS and email) and the seal administrator (SMS: the
 * application keeps no email of theirs) of the order that produced an organization certificate are
 * told, with the link to 证书更新, on each of the configured days before its end (90, 30 and 7 days,
 * and on the day by default), counted in China's calendar days.
 *
 * <p><b>Once each.</b> Each reminder is a row recorded in the transaction that queues its messages,
 * under the producing order's lock: two nodes, or a run after a restart, find the row and queue
 * nothing; a crash before the commit leaves neither, and the next run sends it. A run sends only
 * the most urgent reminder due (a certificate issued 20 days before its end gets the 7-day one
 * later, not a late 30-day one now).
 */
public final class RenewalReminders {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final ExpiringCertificates certificates;
  private final OrderService orders;
  private final OrderCertificates locks;
  private final NotificationOutbox outbox;
  private final Transactions transactions;
  private final Clock clock;
  private final List<Integer> daysBefore;
  private final Function<String, String> renewalLink;

  /**
   * @param daysBefore the reminders, in days before the end (0: on the day)
   * @param renewalLink the 证书更新 address for a channel id
   */
  public RenewalReminders(
      ExpiringCertificates certificates,
      OrderService orders,
      OrderCertificates locks,
      NotificationOutbox outbox,
      Transactions transactions,
      Clock clock,
      List<Integer> daysBefore,
      Function<String, String> renewalLink) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.locks = Objects.requireNonNull(locks, "locks");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.daysBefore = daysBefore.stream().sorted().distinct().toList();
    if (this.daysBefore.isEmpty() || this.daysBefore.get(0) < 0) {
      throw new IllegalArgumentException(
          "reminder days must be 0 or more, at least one: " + daysBefore);
    }
    this.renewalLink = Objects.requireNonNull(renewalLink, "renewalLink");
  }

  /**
   * Queues every reminder due now that was not sent.
   *
   * @return how many certificates were reminded
   */
  public int sendDue() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, CertificateRules.CHINA_TIME);
    int furthest = daysBefore.get(daysBefore.size() - 1);
    Instant until =
        today.plusDays(furthest + 1L).atStartOfDay(CertificateRules.CHINA_TIME).toInstant();
    int sent = 0;
    for (ExpiringCertificates.Expiring certificate :
        transactions.inTransaction(() -> certificates.endingBetween(now, until))) {
      long daysLeft =
          ChronoUnit.DAYS.between(
              today, LocalDate.ofInstant(certificate.notAfter(), CertificateRules.CHINA_TIME));
      Optional<Integer> due = daysBefore.stream().filter(d -> daysLeft <= d).findFirst();
      if (due.isPresent()
          && transactions.inTransaction(() -> remind(certificate, due.get(), daysLeft, now))) {
        sent++;
      }
    }
    return sent;
  }

  private boolean remind(
      ExpiringCertificates.Expiring certificate, int reminder, long daysLeft, Instant now) {
    locks.lock(certificate.orderId());
    if (!certificates.record(certificate.caName(), certificate.serialHex(), reminder, now)) {
      return false;
    }
    Order order =
        orders
            .find(certificate.orderId())
            .orElseThrow(() -> new IllegalStateException("no order " + certificate.orderId()));
    UnitApplication application = order.application();
    String date = DATE.format(certificate.notAfter().atZone(CertificateRules.CHINA_TIME));
    String when = daysLeft == 0 ? "今天（" + date + "）到期" : "将于" + date + "到期（还有 " + daysLeft + " 天）";
    String link = renewalLink.apply(order.channelId());
    SmsMessage sms =
        SmsMessage.of(
            SmsTemplate.RENEWAL_REMINDER,
            application.organizationName(),
            certificate.serialHex(),
            when,
            link);
    outbox.enqueue(Notification.sms(application.handler().mobile(), sms, order.id()), now);
    if (!application.administrator().mobile().equals(application.handler().mobile())) {
      outbox.enqueue(Notification.sms(application.administrator().mobile(), sms, order.id()), now);
    }
    String email =
        application.handler().name()
            + "，您好：\n\n"
            + application.organizationName()
            + "的单位证书（序列号 "
            + certificate.serialHex()
            + "）"
            + when
            + "。到期后证书失效，电子印章将无法使用。\n\n请打开以下地址办理证书更新（有效期顺延一年）：\n"
            + link
            + "\n\n此邮件由系统自动发送，请勿回复。\ncerthall 证书业务系统";
    outbox.enqueue(
        Notification.email(
            application.handler().email(),
            "单位证书"
                + (daysLeft == 0 ? "今天到期" : "即将到期")
                + "，请及时更新（"
                + application.organizationName()
                + "）",
            email,
            order.id()),
        now);
    return true;
  }
}
