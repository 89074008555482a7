package cn.certhall.app.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.ReminderConfiguration;
import cn.certhall.app.RemindersProperties;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.console.ReviewFixtures;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.notification.NotificationOutbox;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.reminder.RenewalReminders;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16, point 14, on the running app over PostgreSQL: renewal reminders 90, 30 and 7 days
 * before a certificate ends and on the day, to the handler (SMS, email) and the seal administrator
 * (SMS), with the 证书更新 link that opens on the app; each once, though two nodes run at the same
 * moment and a restarted node runs again. The reminders' clock is the test's, started at the moment
 * the certificates are issued and moved forward; the app's own run uses the real clock and a
 * certificate issued at real time.
 */
class RenewalRemindersTest {
  static final Pattern LINK = Pattern.compile("(http://\\S+/renewal\\?channelId=demo)");

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            TestDatabases.freshPostgres(),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA", "certhall.reminders.interval", "1000d"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A clock the test moves; every certificate below is issued at its start. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

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
      throw new UnsupportedOperationException();
    }
  }

  /** A node's reminder service on the app's database, on {@code clock}. */
  static RenewalReminders node(Clock clock) {
    return ReminderConfiguration.reminders(
        app.bean(JdbcClient.class),
        app.bean(OrderService.class),
        app.bean(OrderCertificates.class),
        app.bean(NotificationOutbox.class),
        app.bean(PlatformTransactionManager.class),
        app.url(""),
        app.bean(RemindersProperties.class),
        clock);
  }

  /**
   * An issued new-unit order whose certificate runs from {@code from} to {@code to}, with its own
   * handler and administrator mobiles.
   */
  static CertificateRef issued(
      String creditCode, String handlerMobile, String adminMobile, Instant from, Instant to) {
    OrderService orders = app.bean(OrderService.class);
    UnitApplication a = OrderApplications.transfer(creditCode);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            new UnitApplication(
                a.organizationName(),
                creditCode,
                a.legalRepresentative(),
                new UnitApplication.Handler(
                    a.handler().name(),
                    a.handler().idType(),
                    a.handler().idNumber(),
                    handlerMobile,
                    "jb" + handlerMobile + "@example.cn"),
                new UnitApplication.Administrator(
                    a.administrator().name(),
                    a.administrator().idType(),
                    a.administrator().idNumber(),
                    adminMobile),
                a.enterpriseVerification(),
                a.administratorVerification()));
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    HostedCertificateIssuer issuer = app.bean(HostedCertificateIssuer.class);
    String alias = IssuanceService.hostedKeyAlias(order.id());
    issuer.ensureHostedKey(alias);
    return new TransactionTemplate(app.bean(PlatformTransactionManager.class))
        .execute(
            tx -> {
              orders.move(order.id(), OrderStatus.APPROVED, HistoryNote.text("test set-up"));
              CertificateRef ref =
                  issuer.issueOrganizationCertificate(
                      alias, a.organizationName(), creditCode, new Validity(from, to));
              app.bean(OrderCertificates.class).link(order.id(), ref);
              orders.move(order.id(), OrderStatus.ISSUED, HistoryNote.text("test set-up"));
              return ref;
            });
  }

  /** The reminder messages queued for the certificate: channel, recipient, subject, body. */
  static List<Map<String, Object>> queued(CertificateRef certificate) {
    return app.bean(JdbcClient.class)
        .sql(
            "SELECT channel, recipient, subject, body FROM notification_outbox WHERE body LIKE ? ORDER BY id")
        .param("%序列号 " + certificate.serialHex() + "%")
        .query()
        .listOfRows();
  }

  /** Both nodes run at the same moment; how many certificates each reminded. */
  static List<Integer> twoNodesAtOnce(Clock clock) throws Exception {
    RenewalReminders a = node(clock);
    RenewalReminders b = node(clock);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> runs =
          List.of(
              () -> {
                go.await();
                return a.sendDue();
              },
              () -> {
                go.await();
                return b.sendDue();
              });
      List<Future<Integer>> results = runs.stream().map(pool::submit).toList();
      go.countDown();
      return List.of(results.get(0).get(), results.get(1).get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachReminderReachesHandlerAndAdministratorOnceThoughTwoNodesRunAndOneRestarts()
      throws Exception {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestClock clock = new TestClock(t0);
    CertificateRef ninety =
        issued(
            ReviewFixtures.creditCode("91350100MA0014001"),
            "13800140001",
            "13900140001",
            t0,
            t0.plus(Duration.ofDays(90)));
    CertificateRef twenty =
        issued(
            ReviewFixtures.creditCode("91350100MA0014002"),
            "13800140002",
            "13900140002",
            t0,
            t0.plus(Duration.ofDays(20)));
    CertificateRef revoked =
        issued(
            ReviewFixtures.creditCode("91350100MA0014003"),
            "13800140003",
            "13900140003",
            t0,
            t0.plus(Duration.ofDays(5)));
    app.bean(RevocationService.class)
        .revoke(
            revoked.caName(),
            new BigInteger(revoked.serialHex(), 16),
            RevocationReason.CESSATION_OF_OPERATION,
            null);
    CertificateRef far =
        issued(
            ReviewFixtures.creditCode("91350100MA0014004"),
            "13800140004",
            "13900140004",
            t0,
            t0.plus(Duration.ofDays(200)));

    // 90 days before: the 90-day reminder; 20 days before: the 30-day one, not a late 90-day one
    List<Integer> first = twoNodesAtOnce(clock);
    assertThat(first.get(0) + first.get(1)).isEqualTo(2);
    List<Map<String, Object>> toNinety = queued(ninety);
    assertThat(toNinety)
        .extracting(m -> m.get("channel") + " " + m.get("recipient"))
        .containsExactlyInAnyOrder(
            "SMS 13800140001", "SMS 13900140001", "EMAIL jb13800140001@example.cn");
    assertThat(toNinety)
        .allSatisfy(
            m ->
                assertThat((String) m.get("body"))
                    .contains("福州测试科技有限公司", "还有 90 天", app.url("/renewal?channelId=demo")));
    assertThat(queued(twenty))
        .hasSize(3)
        .allSatisfy(m -> assertThat((String) m.get("body")).contains("还有 20 天"));
    assertThat(queued(revoked)).isEmpty();
    assertThat(queued(far)).isEmpty();

    // a restarted node, later the same day: nothing new
    clock.set(t0.plus(Duration.ofHours(1)));
    assertThat(node(clock).sendDue()).isZero();
    assertThat(twoNodesAtOnce(clock)).containsExactly(0, 0);

    // 30 and 7 days before and on the day: one each, to the same three addresses
    for (int daysLeft : new int[] {30, 7}) {
      clock.set(t0.plus(Duration.ofDays(90 - daysLeft)));
      List<Integer> run = twoNodesAtOnce(clock);
      assertThat(run.get(0) + run.get(1)).as("reminded %d days before", daysLeft).isEqualTo(1);
      assertThat(queued(ninety)).hasSize(toNinety.size() + 3 * (daysLeft == 30 ? 1 : 2));
    }
    clock.set(t0.plus(Duration.ofDays(90)).minus(Duration.ofMinutes(1)));
    List<Integer> onTheDay = twoNodesAtOnce(clock);
    assertThat(onTheDay.get(0) + onTheDay.get(1)).isEqualTo(1);
    List<Map<String, Object>> all = queued(ninety);
    assertThat(all).hasSize(12);
    assertThat((String) all.get(all.size() - 1).get("body")).contains("今天");
    assertThat(
            app.bean(JdbcClient.class)
                .sql(
                    "SELECT days_before FROM renewal_reminder WHERE serial = ? ORDER BY days_before")
                .param(ninety.serialHex())
                .query(Integer.class)
                .list())
        .containsExactly(0, 7, 30, 90);
    // once it has ended: nothing
    clock.set(t0.plus(Duration.ofDays(91)));
    assertThat(node(clock).sendDue()).isZero();
  }

  @Test
  void theAppsOwnRunRemindsByItsClockAndTheLinkOpensRenewal() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CertificateRef week =
        issued(
            ReviewFixtures.creditCode("91350100MA0014005"),
            "13800140005",
            "13900140005",
            now,
            now.plus(Duration.ofDays(7)));

    app.bean(RenewalReminderScheduler.class).run();
    app.bean(NotificationDispatcher.class).dispatchDue();

    String sms =
        app.bean(JdbcClient.class)
            .sql("SELECT body FROM sandbox_message WHERE kind = 'SMS' AND body LIKE ? ORDER BY id")
            .param("%序列号 " + week.serialHex() + "%")
            .query(String.class)
            .list()
            .get(0);
    assertThat(sms).contains("还有 7 天");
    Matcher link = LINK.matcher(sms);
    assertThat(link.find()).isTrue();
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("证书更新");
  }
}
