package cn.certhall.app.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.persistence.JdbcNotificationOutbox;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.NotificationDispatcher;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes of one installation on one PostgreSQL work the notification outbox at once, four
 * threads each, all started together: every SMS goes out exactly once (the sandbox's outbox, shared
 * through the database, shows it), because each message is claimed with a lease before it is sent.
 */
class TwoNodeOutboxTest {
  static final int MESSAGES = 40;

  @TempDir static Path dataDir;
  static RunningApp nodeA;
  static RunningApp nodeB;

  /** The pollers wait an hour, so only the test's own threads send. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "certhall.ca.hierarchies", "ECDSA",
          "certhall.sandbox.enabled", "true",
          "certhall.review.notification-poll", "1h");

  @BeforeAll
  static void start() {
    TestDatabases.Target postgres = TestDatabases.freshPostgres();
    nodeA = RunningApp.start(postgres, dataDir, SETTINGS);
    nodeB = RunningApp.start(postgres, dataDir, SETTINGS);
  }

  @AfterAll
  static void stop() {
    for (RunningApp app : new RunningApp[] {nodeB, nodeA}) {
      if (app != null) {
        app.close();
      }
    }
  }

  static String creditCode() {
    String first17 = "91350100M00077777";
    for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(first17 + c).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check character for " + first17);
  }

  @Test
  void eightSendersOnTwoNodesSendEachMessageExactlyOnce() throws Exception {
    String orderId =
        nodeA
            .bean(OrderService.class)
            .start(
                BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(creditCode()))
            .id();
    JdbcNotificationOutbox outbox = nodeA.bean(JdbcNotificationOutbox.class);
    List<String> mobiles = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      String mobile = String.format("139%08d", 77_000 + i);
      mobiles.add(mobile);
      outbox.enqueue(
          Notification.sms(
              mobile,
              SmsMessage.of(
                  SmsTemplate.CANCELLED_FOR_INACTIVITY, "测试通知", orderId, Integer.toString(i)),
              orderId),
          Instant.now());
    }

    List<NotificationDispatcher> senders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      senders.add(nodeA.bean(NotificationDispatcher.class));
      senders.add(nodeB.bean(NotificationDispatcher.class));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(senders.size());
    int sent = 0;
    try {
      List<Future<Integer>> rounds = new ArrayList<>();
      for (NotificationDispatcher sender : senders) {
        rounds.add(
            pool.submit(
                () -> {
                  go.await();
                  int mine = 0;
                  for (int r = 0; r < 5; r++) {
                    mine += sender.dispatchDue();
                  }
                  return mine;
                }));
      }
      go.countDown();
      for (Future<Integer> round : rounds) {
        sent += round.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(sent).as("messages the senders say they sent").isEqualTo(MESSAGES);
    JdbcClient jdbc = nodeB.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL")
                .query(Integer.class)
                .single())
        .isZero();
    for (String mobile : mobiles) {
      assertThat(sandboxTextsTo(nodeB, mobile)).as("texts to %s", mobile).isEqualTo(1);
    }
  }

  static int sandboxTextsTo(RunningApp app, String mobile) throws Exception {
    HttpResponse<String> messages =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(app.url("/sandbox/api/messages?to=" + mobile + "&limit=100")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(messages.body()).size();
  }
}
