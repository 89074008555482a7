package cn.certhall.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.AppNode;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.channel.WebhookSigner;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.order.BusinessType;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The production layout for real: two nodes, each a JVM of its own, on one PostgreSQL, behind
 * Debian's HAProxy (round robin, no sticky sessions, readiness checks). Applicants and the reviewer
 * use the balancer's address, so their steps land on both nodes; a revocation made on node A is
 * answered by node B's OCSP and CRL within a second; node A is killed with SIGKILL in the middle of
 * an issuance and of a webhook delivery, and node B finishes both; and every SMS, email and webhook
 * went out exactly once (emails over SMTP to GreenMail, webhooks to the channel's receiver, which
 * counts what it acknowledged).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BalancedNodesTest {
  static final Pattern AUTHORIZATION_CODE = Pattern.compile("证书授权码为?(\\d{6})");
  static final Pattern ENTRY_CODE = Pattern.compile("办理单位数字证书更新、变更或吊销，验证码为(\\d{6})");
  static final Pattern CERTIFICATE_CODE = Pattern.compile("证书验证码为(\\d{6})");
  static final byte[] PHOTO = UploadSamples.jpeg(UploadSamples.document(1200, 900));
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TestDatabases.Target db;
  static JdbcClient jdbc;
  static GreenMail smtp;
  static WebhookReceiver receiver;
  static AppProcess nodeA;
  static AppProcess nodeB;
  static Haproxy balancer;

  /** Orders by their number in this test, and the serials of their certificates. */
  static final Map<Integer, String> orders = new ConcurrentHashMap<>();

  static final Map<Integer, String> serials = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabases.freshPostgres();
    jdbc = JdbcClient.create(db.dataSource());
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    receiver = new WebhookReceiver();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("certhall.ca.hierarchies", "ECDSA");
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
    settings.put("certhall.recovery.interval", "2s");
    settings.put("certhall.review.notification-poll", "500ms");
    settings.put("certhall.channel.webhook.poll-interval", "500ms");
    // a delivery's lease is three time-outs: 30 s
    settings.put("certhall.channel.webhook.timeout", "10s");
    nodeA = AppProcess.start("a", db, dir, ownDirectories(settings, "a"));
    nodeB = AppProcess.start("b", db, dir, ownDirectories(settings, "b"));
    balancer = Haproxy.start(dir.resolve("haproxy"), List.of(nodeA, nodeB));

    // the CA administrator points the demo channel's webhook at the channel's receiver
    PortalHttp admin = signedIn(balancer, "admin", "certhall-demo-admin");
    admin.get("/console/admin/channels");
    HttpResponse<String> saved =
        admin.post("/console/admin/channels/demo/webhook", Map.of("url", receiver.url()));
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(
            jdbc.sql("SELECT webhook_url FROM channel WHERE id = 'demo'")
                .query(String.class)
                .single())
        .isEqualTo(receiver.url());
  }

  static Map<String, String> ownDirectories(Map<String, String> settings, String node) {
    Map<String, String> own = new LinkedHashMap<>(settings);
    own.put("certhall.materials.directory", dir.resolve("materials-" + node).toString());
    own.put("certhall.keystore.directory", dir.resolve("keys-" + node).toString());
    return own;
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {balancer, nodeB, nodeA, receiver}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the others still close
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  // ---- through the balancer ---------------------------------------------------------------------

  @Test
  @Order(1)
  void anApplicationThroughTheBalancerIsServedByBothNodesAndIssued() {
    Set<String> servedBy = new TreeSet<>();
    String orderId = applyUntilWaiting(1, servedBy);
    assertThat(servedBy)
        .as("the nodes that answered the applicant's steps")
        .containsExactly("a", "b");

    PortalHttp reviewer = signedIn(balancer, "reviewer", "certhall-demo");
    approve(reviewer, orderId, servedBy);
    awaitTrue(
        () -> "ISSUED".equals(status(orderId)),
        Duration.ofSeconds(30),
        () -> "order 1 " + status(orderId));
    serials.put(1, serialOf(orderId));
    awaitTrue(
        () -> receiver.acknowledged(orderId) == 1, Duration.ofSeconds(30), receiver::toString);
  }

  @Test
  @Order(2)
  void aCertificateRevokedOnNodeAIsRevokedInNodeBsOcspAndCrlWithinOneSecond() throws Exception {
    String serial = serials.get(1);
    byte[] request = ocspRequest(new BigInteger(serial, 16));
    assertThat(ocspStatus(nodeB, request)).as("node B before the revocation").isEqualTo("good");
    assertThat(ocspStatus(nodeB, request)).as("node B, from its cache").isEqualTo("good");
    assertThat(crlLists(nodeB, serial)).isFalse();

    // the handler asks for the revocation on node A, and the reviewer approves it there
    String creditCode = creditCode(1);
    PortalHttp handler = new PortalHttp(nodeA);
    handler.get("/revocation?channelId=demo");
    Map<String, String> who =
        Map.of(
            "method",
            "HANDLER",
            "creditCode",
            creditCode,
            "name",
            "李经办",
            "mobile",
            handlerMobile(1));
    assertThat(handler.post("/revocation", with(who, "action", "send")).body()).contains("验证码已发送");
    HttpResponse<String> proven =
        handler.post(
            "/revocation",
            with(
                who,
                "action",
                "verify",
                "code",
                PortalHttp.sandboxCode(nodeA, handlerMobile(1), ENTRY_CODE)));
    assertThat(PortalHttp.location(proven)).isEqualTo("/revocation/certificates");
    handler.get("/revocation/start?ca=ecdsa-issuing&serial=" + serial);
    HttpResponse<String> started =
        handler.post(
            "/revocation/start",
            Map.of(
                "ca",
                "ecdsa-issuing",
                "serial",
                serial,
                "handlerMethod",
                "MOBILE",
                "reason",
                "NO_LONGER_NEEDED"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    String revocation = PortalHttp.location(started).split("/")[2];
    handler.get("/lifecycle/" + revocation + "/authorization");
    HttpResponse<String> authorized =
        handler.post(
            "/lifecycle/" + revocation + "/authorization",
            Map.of("code", PortalHttp.sandboxCode(nodeA, legalRepMobile(1), AUTHORIZATION_CODE)));
    assertThat(PortalHttp.location(authorized))
        .isEqualTo("/lifecycle/" + revocation + "/certificate-code");
    String codePage = "/lifecycle/" + revocation + "/certificate-code";
    handler.get(codePage);
    handler.post(codePage, Map.of("action", "send"));
    HttpResponse<String> signed =
        handler.post(
            codePage,
            Map.of("code", PortalHttp.sandboxCode(nodeA, handlerMobile(1), CERTIFICATE_CODE)));
    assertThat(PortalHttp.location(signed)).isEqualTo("/apply/" + revocation + "/materials");
    uploadAndSubmit(handler, nodeA, revocation, BusinessType.REVOCATION, handlerMobile(1), null);

    PortalHttp reviewer = signedIn(nodeA, "reviewer", "certhall-demo");
    approve(reviewer, revocation, null);
    long revoked = System.nanoTime();
    assertThat(status(revocation)).isEqualTo("REVOKED");

    boolean ocspRevoked = false;
    boolean onCrl = false;
    long ocspMillis = -1;
    long crlMillis = -1;
    while ((!ocspRevoked || !onCrl) && System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(5)) {
      if (!ocspRevoked && ocspStatus(nodeB, request).equals("revoked")) {
        ocspRevoked = true;
        ocspMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
      }
      if (!onCrl && crlLists(nodeB, serial)) {
        onCrl = true;
        crlMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
      }
      Thread.sleep(20);
    }
    System.out.printf(
        "revoked on node A; node B's OCSP answered revoked after %d ms, its CRL listed it after %d ms%n",
        ocspMillis, crlMillis);
    assertThat(ocspMillis).as("ms until node B's OCSP answered revoked").isBetween(0L, 999L);
    assertThat(crlMillis).as("ms until node B's CRL listed the serial").isBetween(0L, 999L);
  }

  // ---- node A killed --------------------------------------------------------------------------

  @Test
  @Order(3)
  void nodeAKilledInTheMiddleOfAnIssuanceAndOfAWebhookLeavesBothForNodeBToFinish()
      throws Exception {
    String second = applyUntilWaiting(2, new TreeSet<>());
    String third = applyUntilWaiting(3, new TreeSet<>());
    PortalHttp reviewer = signedIn(nodeA, "reviewer", "certhall-demo");

    // B paused, so that A is the node that claims the webhook; the receiver holds what it gets
    nodeB.pause();
    try (Connection hold = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      receiver.holdNext();
      approve(reviewer, second, null);
      assertThat(status(second)).isEqualTo("ISSUED");
      String held = receiver.awaitHeld(Duration.ofSeconds(20));
      assertThat(held).as("the webhook node A is sending").isNotNull();

      // the channel's row, held: the third order's issuance waits for it inside its transaction
      hold.setAutoCommit(false);
      try (Statement s = hold.createStatement()) {
        s.executeQuery("SELECT id FROM channel WHERE id = 'demo' FOR UPDATE").close();
      }
      reviewer.get("/console/orders/" + third);
      reviewer.post("/console/orders/" + third + "/claim", Map.of());
      reviewer.get("/console/orders/" + third);
      CompletableFuture<HttpResponse<String>> approval =
          CompletableFuture.supplyAsync(
              () -> reviewer.post("/console/orders/" + third + "/approve", Map.of()),
              Executors.newSingleThreadExecutor());
      awaitTrue(() -> "APPROVED".equals(status(third)), Duration.ofSeconds(30), nodeA::tail);
      awaitTrue(
          () ->
              jdbc.sql(
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE '%channel_certificate%'")
                      .query(Long.class)
                      .single()
                  > 0,
          Duration.ofSeconds(30),
          nodeA::tail);
      assertThat(approval).isNotDone();
      assertThat(receiver.acknowledged(held)).as("the held webhook, not yet delivered").isZero();

      nodeA.kill();
      hold.rollback();
      receiver.answerAll();
      assertThat(status(third)).as("nothing of the issuance was committed").isEqualTo("APPROVED");
    } finally {
      nodeB.resume();
    }

    // the balancer sends everything to B now, once its check finds B back from the pause (the
    // pause made B fail a check; A fails them all now)
    awaitTrue(
        () -> AppProcess.status(balancer.url("/ca")) == 200,
        Duration.ofSeconds(10),
        () -> "no node");
    for (int i = 0; i < 6; i++) {
      assertThat(AppProcess.status(balancer.url("/ca")))
          .as("request %d after the kill", i)
          .isEqualTo(200);
    }
    awaitTrue(() -> "ISSUED".equals(status(third)), Duration.ofSeconds(30), nodeB::tail);
    serials.put(3, serialOf(third));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM order_certificate WHERE order_id = ?")
                .param(third)
                .query(Long.class)
                .single())
        .as("one certificate for the third order")
        .isOne();
    // the webhook A held is sent again by B once its lease (30 s) is over; the third's by B
    awaitTrue(
        () -> receiver.acknowledged(second) == 1 && receiver.acknowledged(third) == 1,
        Duration.ofSeconds(90),
        () -> receiver + "\n" + nodeB.tail());
    assertThat(receiver.received(second)).as("A's attempt and B's").isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(4)
  void everySmsEmailAndWebhookWentOutExactlyOnce() throws Exception {
    // whatever is still in an outbox goes out first
    awaitTrue(
        () ->
            jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL")
                    .query(Long.class)
                    .single()
                == 0,
        Duration.ofSeconds(30),
        () -> "notifications waiting");
    List<String> repeatedSms =
        jdbc.sql(
                "SELECT recipient || ': ' || body FROM sandbox_message WHERE kind = 'SMS'"
                    + " GROUP BY recipient, body HAVING COUNT(*) > 1")
            .query(String.class)
            .list();
    assertThat(repeatedSms).as("SMS sent twice").isEmpty();
    for (int n = 1; n <= 3; n++) {
      String orderId = orders.get(n);
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM sandbox_message WHERE kind = 'SMS' AND recipient = ?"
                          + " AND body LIKE ?")
                  .params(handlerMobile(n), "%" + orderId + "%证书已签发%")
                  .query(Long.class)
                  .single())
          .as("the issued SMS of order %d", n)
          .isOne();
    }

    Map<String, Integer> emails = new LinkedHashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String key =
          String.join(",", toList(m.getRecipients(Message.RecipientType.TO)))
              + " | "
              + m.getSubject()
              + " | "
              + GreenMailUtil.getBody(m);
      emails.merge(key, 1, Integer::sum);
    }
    assertThat(emails.values()).as("emails, each once: " + emails.keySet()).allMatch(c -> c == 1);
    for (int n = 1; n <= 3; n++) {
      String orderId = orders.get(n);
      long issued =
          emails.keySet().stream().filter(k -> k.contains(orderId) && k.contains("证书已签发")).count();
      assertThat(issued).as("the issued email of order %d", n).isOne();
    }

    for (String eventId :
        jdbc.sql("SELECT event_id FROM channel_delivery").query(String.class).list()) {
      assertThat(receiver.acknowledgedEvent(eventId))
          .as("webhook %s acknowledged", eventId)
          .isOne();
    }
  }

  // ---- the applicant's and the reviewer's steps -------------------------------------------------

  /** A new application through the balancer, from 同意 to 等待审核; the nodes that answered. */
  static String applyUntilWaiting(int n, Set<String> servedBy) {
    PortalHttp s = new PortalHttp(balancer);
    served(servedBy, s.get("/apply?channelId=demo"));
    HttpResponse<String> agreed = s.post("/apply", Map.of("channelId", "demo", "agree", "yes"));
    served(servedBy, agreed);
    assertThat(PortalHttp.location(agreed)).isEqualTo("/apply/form");
    served(servedBy, s.get("/apply/form"));
    HttpResponse<String> filed = s.post("/apply/form", form(n));
    served(servedBy, filed);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String confirm = PortalHttp.location(filed);
    String orderId = confirm.split("/")[2];
    orders.put(n, orderId);
    served(servedBy, s.get(confirm));
    served(servedBy, s.post(confirm, Map.of()));
    served(servedBy, s.get("/apply/" + orderId + "/code"));
    HttpResponse<String> entered =
        s.post(
            "/apply/" + orderId + "/code",
            Map.of(
                "code", PortalHttp.sandboxCode(balancer, legalRepMobile(n), AUTHORIZATION_CODE)));
    served(servedBy, entered);
    assertThat(PortalHttp.location(entered)).endsWith("/materials");
    servedBy.addAll(
        uploadAndSubmit(
            s, balancer, orderId, BusinessType.NEW_UNIT_CERTIFICATE, handlerMobile(n), servedBy));
    HttpResponse<String> pay = s.get("/apply/" + orderId + "/pay");
    served(servedBy, pay);
    HttpResponse<String> paid = s.post("/apply/" + orderId + "/pay", PortalHttp.CASHIER);
    served(servedBy, paid);
    assertThat(PortalHttp.location(paid)).isEqualTo("/apply/" + orderId + "/waiting");
    assertThat(status(orderId)).isEqualTo("WAITING_FOR_REVIEW");
    return orderId;
  }

  /** 资料上传 of every material the business needs, 下一步, and 证书申请签名 with its SMS code. */
  static Set<String> uploadAndSubmit(
      PortalHttp s,
      AppNode node,
      String orderId,
      BusinessType type,
      String handlerMobile,
      Set<String> servedBy) {
    Set<String> nodes = new TreeSet<>();
    s.get("/apply/" + orderId + "/materials");
    for (MaterialKind kind : MaterialKind.requiredFor(type)) {
      HttpResponse<String> r =
          s.upload("/apply/" + orderId + "/materials/" + kind.name(), "photo.jpg", PHOTO);
      assertThat(r.statusCode()).as(kind + " uploaded").isEqualTo(302);
      served(nodes, r);
    }
    HttpResponse<String> next = s.post("/apply/" + orderId + "/materials/complete", Map.of());
    assertThat(PortalHttp.location(next)).isEqualTo("/apply/" + orderId + "/sign");
    s.get("/apply/" + orderId + "/sign");
    s.post("/apply/" + orderId + "/sign/code", Map.of());
    s.get("/apply/" + orderId + "/sign");
    HttpResponse<String> signed =
        s.post(
            "/apply/" + orderId + "/sign",
            Map.of("code", PortalHttp.sandboxCode(node, handlerMobile, PortalHttp.SIGNATURE_CODE)));
    served(nodes, signed);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(302);
    return nodes;
  }

  static void approve(PortalHttp reviewer, String orderId, Set<String> servedBy) {
    reviewer.get("/console/orders/" + orderId);
    HttpResponse<String> claimed = reviewer.post("/console/orders/" + orderId + "/claim", Map.of());
    assertThat(claimed.statusCode()).isEqualTo(302);
    reviewer.get("/console/orders/" + orderId);
    HttpResponse<String> approved =
        reviewer.post("/console/orders/" + orderId + "/approve", Map.of());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
    if (servedBy != null) {
      served(servedBy, claimed);
      served(servedBy, approved);
    }
  }

  static PortalHttp signedIn(AppNode node, String username, String password) {
    PortalHttp browser = new PortalHttp(node);
    browser.get("/console/login");
    HttpResponse<String> in =
        browser.post("/console/login", Map.of("username", username, "password", password));
    assertThat(in.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(in)).startsWith("/console/");
    return browser;
  }

  static void served(Set<String> nodes, HttpResponse<?> response) {
    response.headers().firstValue(Haproxy.SERVED_BY).ifPresent(nodes::add);
  }

  static String creditCode(int n) {
    return LifecycleFixtures.creditCode("91350100MA2LB00" + n + "1");
  }

  static String handlerMobile(int n) {
    return "1380013810" + n;
  }

  static String legalRepMobile(int n) {
    return "1370013710" + n;
  }

  static Map<String, String> form(int n) {
    return ApplicationForms.byLegalRepMobile(
        "福州负载均衡第" + n + "科技有限公司",
        creditCode(n),
        "张法人",
        legalRepMobile(n),
        "李经办",
        LifecycleFixtures.residentId("11010119900307123"),
        handlerMobile(n),
        "jb" + n + "@example.cn");
  }

  static Map<String, String> with(Map<String, String> base, String... more) {
    Map<String, String> all = new LinkedHashMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  // ---- what the database, OCSP and the CRL say ------------------------------------------------

  static String status(String orderId) {
    return jdbc.sql("SELECT status FROM orders WHERE id = ?")
        .param(orderId)
        .query(String.class)
        .single();
  }

  static String serialOf(String orderId) {
    return jdbc.sql("SELECT serial FROM order_certificate WHERE order_id = ?")
        .param(orderId)
        .query(String.class)
        .single();
  }

  static byte[] issuingCertificate() {
    return jdbc.sql("SELECT certificate FROM ca WHERE name = 'ecdsa-issuing'")
        .query(byte[].class)
        .single();
  }

  static byte[] ocspRequest(BigInteger serial) throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new X509CertificateHolder(issuingCertificate()),
            serial);
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  static String ocspStatus(AppNode node, byte[] request) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url("/ocsp")))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    OCSPResp ocsp = new OCSPResp(response.body());
    assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    assertThat(ocsp.getResponseObject()).isInstanceOf(BasicOCSPResp.class);
    Object status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
    return status == null
        ? "good"
        : status instanceof RevokedStatus ? "revoked" : status.toString();
  }

  static boolean crlLists(AppNode node, String serialHex) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url("/crl/ecdsa-issuing.crl"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(response.body()));
    return crl.getRevokedCertificate(new BigInteger(serialHex, 16)) != null;
  }

  static List<String> toList(jakarta.mail.Address[] addresses) {
    List<String> list = new ArrayList<>();
    if (addresses != null) {
      for (jakarta.mail.Address a : addresses) {
        list.add(a.toString());
      }
    }
    Collections.sort(list);
    return list;
  }

  static void awaitTrue(BooleanSupplier check, Duration limit, Supplier<String> why) {
    long end = System.nanoTime() + limit.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not so within " + limit + "; " + why.get());
      }
      AppProcess.sleep(200);
    }
  }

  /**
   * The channel platform's webhook endpoint. It acknowledges (200) what it gets, and counts per
   * event what it acknowledged; told to hold, it keeps the next request unanswered until told to
   * answer all (the sender may be dead by then: what it held is never counted as acknowledged).
   */
  static final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Map<String, String> orderOfEvent = new ConcurrentHashMap<>();
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean holdNext;
    private volatile String held;
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([A-Z0-9]+)\"");

    WebhookReceiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/webhook", this::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    private void handle(HttpExchange exchange) throws IOException {
      String event = exchange.getRequestHeaders().getFirst(WebhookSigner.EVENT_ID_HEADER);
      String body =
          new String(
              exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Matcher m = ORDER_ID.matcher(body);
      if (event != null && m.find()) {
        orderOfEvent.put(event, m.group(1));
      }
      received.merge(String.valueOf(event), 1, Integer::sum);
      CountDownLatch wait = null;
      synchronized (this) {
        if (holdNext) {
          holdNext = false;
          held = event;
          wait = release;
          notifyAll();
        }
      }
      if (wait != null) {
        try {
          wait.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
        return;
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      acknowledged.merge(String.valueOf(event), 1, Integer::sum);
    }

    synchronized void holdNext() {
      release = new CountDownLatch(1);
      held = null;
      holdNext = true;
    }

    /** The event id of the held request, once one arrived. */
    synchronized String awaitHeld(Duration limit) throws InterruptedException {
      long end = System.currentTimeMillis() + limit.toMillis();
      while (held == null && System.currentTimeMillis() < end) {
        wait(Math.max(1, end - System.currentTimeMillis()));
      }
      return held == null ? null : orderOfEvent.getOrDefault(held, held);
    }

    void answerAll() {
      holdNext = false;
      release.countDown();
    }

    /** Acknowledged webhooks about the order (or with this event id). */
    int acknowledged(String orderOrEvent) {
      int n = acknowledged.getOrDefault(orderOrEvent, 0);
      for (Map.Entry<String, String> e : orderOfEvent.entrySet()) {
        if (e.getValue().equals(orderOrEvent)) {
          n += acknowledged.getOrDefault(e.getKey(), 0);
        }
      }
      return n;
    }

    int acknowledgedEvent(String eventId) {
      return acknowledged.getOrDefault(eventId, 0);
    }

    int received(String orderId) {
      int n = 0;
      for (Map.Entry<String, String> e : orderOfEvent.entrySet()) {
        if (e.getValue().equals(orderId)) {
          n += received.getOrDefault(e.getKey(), 0);
        }
      }
      return n;
    }

    @Override
    public String toString() {
      return "webhooks acknowledged "
          + acknowledged
          + ", received "
          + received
          + ", orders "
          + orderOfEvent;
    }

    @Override
    public void close() {
      answerAll();
      server.stop(0);
    }
  }
}
