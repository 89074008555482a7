package cn.certhall.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.JdbcNotificationOutbox;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.sandbox.SandboxEmailSender;
import cn.certhall.domain.notification.EmailSender;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.verification.SmsSender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The notification outbox on H2 and PostgreSQL, sending email over SMTP to an in-process GreenMail
 * server and SMS through a gateway that is down at first: nothing is lost, retries wait and back
 * off, and what arrives is the Chinese text.
 */
class NotificationDispatchTest {
  @RegisterExtension static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  static final Instant T0 = Instant.parse("2027-06-15T02:30:00Z");

  static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** An SMS gateway down for its first {@code outages} requests. */
  static final class FlakySms implements SmsSender {
    final AtomicInteger outages;
    final List<String> delivered = new ArrayList<>();

    FlakySms(int outages) {
      this.outages = new AtomicInteger(outages);
    }

    @Override
    public Result send(String mobile, cn.certhall.domain.verification.SmsMessage message) {
      String text = message.text();
      if (outages.getAndDecrement() > 0) {
        return Result.UNAVAILABLE;
      }
      delivered.add(mobile + ":" + text);
      return Result.SENT;
    }
  }

  record Setup(JdbcClient jdbc, Notifications notifications, NotificationDispatcher dispatcher) {
    String row(String column) {
      return jdbc.sql("SELECT " + column + " FROM notification_outbox WHERE channel = 'SMS'")
          .query(String.class)
          .single();
    }
  }

  static Setup setup(Kind kind, MovableClock clock, SmsSender sms, EmailSender email) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    order(jdbc);
    JdbcNotificationOutbox outbox = new JdbcNotificationOutbox(jdbc);
    return new Setup(
        jdbc,
        new Notifications(outbox, clock),
        new NotificationDispatcher(
            outbox, sms, email, clock, Duration.ofSeconds(30), Duration.ofMinutes(10)));
  }

  static final Order ORDER =
      Order.start(
              "CH20270615ABCDEFGHJKLM",
              BusinessType.NEW_UNIT_CERTIFICATE,
              "channel-7",
              OrderApplications.transfer(OrderApplications.CREDIT_CODE),
              T0)
          .moveTo(OrderStatus.VERIFIED, T0, null);

  /** The outbox rows refer to an order: a minimal one in the table. */
  static void order(JdbcClient jdbc) {
    jdbc.sql(
            "INSERT INTO orders (id, business_type, channel_id, applicant_id_type,"
                + " applicant_id_number, status, version, created_at, updated_at, organization_name,"
                + " credit_code, legal_rep_name, legal_rep_id_number, handler_name, handler_id_type,"
                + " handler_id_number, handler_mobile, handler_email, admin_name, admin_id_type,"
                + " admin_id_number, admin_mobile, enterprise_method, admin_method) VALUES (?, 'NEW_UNIT_CERTIFICATE',"
                + " 'c', 'UNIFIED_SOCIAL_CREDIT_CODE', 'x', 'REJECTED', 0, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, 'o', 'x', 'n', 'x', 'n', 'x', 'x', 'x', 'x', 'n', 'x', 'x',"
                + " 'x', 'x', 'x')")
        .param(ORDER.id())
        .update();
  }

  static JavaMailSenderImpl smtpClient() {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(smtp.getSmtp().getPort());
    mail.setDefaultEncoding("UTF-8");
    return mail;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRejectionArrivesByEmailAtOnceAndBySmsAfterTheGatewayRecovers(Kind kind) throws Exception {
    MovableClock clock = new MovableClock();
    FlakySms sms = new FlakySms(2);
    Setup s =
        setup(kind, clock, sms, new SmtpEmailSender(smtpClient(), "noreply@certhall.localhost"));
    s.notifications.rejected(ORDER, "上传的照片不清晰（营业执照照片模糊）");

    assertThat(s.dispatcher.dispatchDue()).isEqualTo(1);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("jb@example.cn");
    assertThat(received[0].getSubject()).isEqualTo("单位证书新办申请审核未通过（订单号 CH20270615ABCDEFGHJKLM）");
    assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
    assertThat(received[0].getContent().toString())
        .contains("李经办，您好", "原因：上传的照片不清晰（营业执照照片模糊）", "继续办理");
    assertThat(s.row("attempts")).isEqualTo("1");

    // not due before the pause
    clock.now = T0.plusSeconds(29);
    assertThat(s.dispatcher.dispatchDue()).isZero();
    assertThat(sms.delivered).isEmpty();
    // second failure: the pause doubles
    clock.now = T0.plusSeconds(30);
    assertThat(s.dispatcher.dispatchDue()).isZero();
    assertThat(s.row("attempts")).isEqualTo("2");
    clock.now = T0.plusSeconds(89);
    assertThat(s.dispatcher.dispatchDue()).isZero();
    clock.now = T0.plusSeconds(90);
    assertThat(s.dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(sms.delivered)
        .singleElement()
        .asString()
        .startsWith("13800138001:")
        .contains("审核未通过", "原因：上传的照片不清晰（营业执照照片模糊）", "我的订单");
    assertThat(s.row("sent_at")).isNotNull();
    clock.now = T0.plusSeconds(3600);
    assertThat(s.dispatcher.dispatchDue()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmailWaitsWhileTheMailServerIsDown(Kind kind) throws Exception {
    MovableClock clock = new MovableClock();
    JavaMailSenderImpl down = smtpClient();
    down.setPort(1); // nothing listens there
    Setup s =
        setup(
            kind, clock, new FlakySms(0), new SmtpEmailSender(down, "noreply@certhall.localhost"));
    s.notifications.issued(ORDER, "1f2e3d", T0.plus(Duration.ofDays(365)));

    assertThat(s.dispatcher.dispatchDue()).isEqualTo(1); // the SMS
    assertThat(
            s.jdbc
                .sql("SELECT last_problem FROM notification_outbox WHERE channel = 'EMAIL'")
                .query(String.class)
                .single())
        .isEqualTo("EMAIL provider unavailable");

    // the server is back (the right port); the retry goes out
    NotificationDispatcher recovered =
        new NotificationDispatcher(
            new JdbcNotificationOutbox(s.jdbc),
            new FlakySms(0),
            new SmtpEmailSender(smtpClient(), "noreply@certhall.localhost"),
            clock,
            Duration.ofSeconds(30),
            Duration.ofMinutes(10));
    clock.now = T0.plusSeconds(30);
    assertThat(recovered.dispatchDue()).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("审核通过");
  }

  @Test
  void theSandboxMailServerRecordsForTheSandboxPage() {
    JdbcClient jdbc = JdbcClient.create(TestDatabases.freshH2().migrated());
    SandboxMessageRepository sandbox = new SandboxMessageRepository(jdbc);
    SandboxEmailSender email = new SandboxEmailSender(sandbox, Clock.systemUTC());

    assertThat(email.send("jb@example.cn", "主题", "正文")).isEqualTo(EmailSender.Result.SENT);
    assertThat(email.send("down8888@example.cn", "主题", "正文"))
        .isEqualTo(EmailSender.Result.UNAVAILABLE);

    assertThat(sandbox.newest(null, 10))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.kind()).isEqualTo(SandboxMessageRepository.Kind.EMAIL);
              assertThat(m.recipient()).isEqualTo("jb@example.cn");
              assertThat(m.subject()).isEqualTo("主题");
            });
  }
}
