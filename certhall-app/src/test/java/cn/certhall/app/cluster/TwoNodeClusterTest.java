package cn.certhall.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.lifecycle.LifecycleFixtures;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.portal.ApplicationForms;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.schedule.ScheduledJobs;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes of one installation on one PostgreSQL. A browser whose every request may reach either
 * (a load balancer without sticky sessions): the session it carries — the application not yet an
 * order, the CSRF token, the orders it may open, 我的订单's proof, a reviewer's sign-in — is read from
 * the database by whichever node answers, and so are the files it uploads and the keys either node
 * makes. And the periodic jobs of both nodes go through their lock rows in the same database.
 */
class TwoNodeClusterTest {
  static final Pattern AUTHORIZATION_CODE = Pattern.compile("证书授权码为?(\\d{6})");
  static final String HANDLER_MOBILE = "13800138071";
  static final String LEGAL_REP_MOBILE = "13700137071";

  @TempDir static Path dataDir;
  static RunningApp nodeA;
  static RunningApp nodeB;

  @BeforeAll
  static void start() {
    TestDatabases.Target postgres = TestDatabases.freshPostgres();
    Map<String, String> settings =
        Map.of(
            "certhall.ca.hierarchies", "ECDSA",
            "certhall.reminders.interval", "2s",
            "certhall.orders.inactivity.check-interval", "2s",
            "certhall.limits.purge-interval", "2s",
            "certhall.sealing.purge-interval", "2s",
            "certhall.payment.settlement-interval", "2s");
    // each node has directories of its own for keys and materials: what one node stored, the
    // other reads from the database (node B starts on the CA keys node A made)
    nodeA = RunningApp.start(postgres, dataDir, ownDirectories(settings, "a"));
    nodeB = RunningApp.start(postgres, dataDir, ownDirectories(settings, "b"));
  }

  static Map<String, String> ownDirectories(Map<String, String> settings, String node) {
    Map<String, String> own = new LinkedHashMap<>(settings);
    own.put("certhall.materials.directory", dataDir.resolve("materials-" + node).toString());
    own.put("certhall.keystore.directory", dataDir.resolve("keys-" + node).toString());
    return own;
  }

  @AfterAll
  static void stop() {
    for (RunningApp app : new RunningApp[] {nodeB, nodeA}) {
      if (app != null) {
        app.close();
      }
    }
  }

  static Map<String, String> form(String creditCode) {
    return ApplicationForms.byLegalRepMobile(
        "福州两节点科技有限公司",
        creditCode,
        "张法人",
        LEGAL_REP_MOBILE,
        "李经办",
        LifecycleFixtures.residentId("11010119900307123"),
        HANDLER_MOBILE,
        "jb@example.cn");
  }

  @Test
  void anApplicationWhoseStepsAlternateBetweenTheNodesGoesOnWithoutStartingAgain() {
    String creditCode = LifecycleFixtures.creditCode("91350100MA2NDE001");
    PortalHttp browser = new PortalHttp(nodeA);

    browser.get("/apply?channelId=demo");
    HttpResponse<String> agreed =
        browser.switchTo(nodeB).post("/apply", Map.of("channelId", "demo", "agree", "yes"));
    assertThat(agreed.statusCode())
        .as("the agreement posted to B with A's CSRF token")
        .isEqualTo(302);
    assertThat(PortalHttp.location(agreed)).isEqualTo("/apply/form");

    HttpResponse<String> formPage = browser.switchTo(nodeA).get("/apply/form");
    assertThat(formPage.statusCode())
        .as("A shows the form of the application B started")
        .isEqualTo(200);
    HttpResponse<String> filed = browser.switchTo(nodeB).post("/apply/form", form(creditCode));
    assertThat(filed.statusCode()).isEqualTo(302);
    String confirm = PortalHttp.location(filed);
    assertThat(confirm).matches("/apply/CH\\w+/confirm");
    String orderId = confirm.split("/")[2];

    HttpResponse<String> confirmPage = browser.switchTo(nodeA).get(confirm);
    assertThat(confirmPage.statusCode()).isEqualTo(200);
    assertThat(confirmPage.body()).contains("确认订单", "福州两节点科技有限公司");
    HttpResponse<String> confirmed = browser.switchTo(nodeB).post(confirm, Map.of());
    assertThat(confirmed.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(confirmed)).isEqualTo("/apply/" + orderId + "/code");
    HttpResponse<String> codePage = browser.switchTo(nodeA).get("/apply/" + orderId + "/code");
    assertThat(codePage.statusCode()).isEqualTo(200);
    assertThat(codePage.body())
        .as("the code page on A names where B sent the code")
        .contains("证书授权码");
    String code = PortalHttp.sandboxCode(nodeA, LEGAL_REP_MOBILE, AUTHORIZATION_CODE);
    HttpResponse<String> entered =
        browser.switchTo(nodeB).post("/apply/" + orderId + "/code", Map.of("code", code));
    assertThat(entered.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(entered)).endsWith("/materials");

    assertThat(browser.switchTo(nodeA).get("/apply/" + orderId + "/materials").statusCode())
        .as("the materials page on A for the order made on B")
        .isEqualTo(200);

    // a licence uploaded through A is the file B shows: both read it from the database
    byte[] licence = UploadSamples.jpeg(UploadSamples.document(1600, 1200));
    HttpResponse<String> uploaded =
        browser
            .switchTo(nodeA)
            .upload("/apply/" + orderId + "/materials/BUSINESS_LICENSE", "licence.jpg", licence);
    assertThat(uploaded.statusCode()).isEqualTo(302);
    HttpResponse<byte[]> shown =
        browser.switchTo(nodeB).download("/apply/" + orderId + "/materials/BUSINESS_LICENSE/file");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).isEqualTo(licence);

    // 我的订单 proven on A opens the order on B for a browser that did not make it
    PortalHttp other = new PortalHttp(nodeA);
    assertThat(other.get("/orders/" + orderId).statusCode()).isEqualTo(404);
    other.proveUnit(creditCode, HANDLER_MOBILE);
    assertThat(other.switchTo(nodeB).get("/orders/" + orderId).statusCode()).isEqualTo(200);

    assertThat(
            nodeA
                .bean(JdbcClient.class)
                .sql("SELECT count(*) FROM spring_session")
                .query(Long.class)
                .single())
        .as("the sessions are rows of the shared database")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aReviewerSignedInOnOneNodeIsSignedInOnTheOtherAndSignedOutOnBoth() {
    PortalHttp reviewer = new PortalHttp(nodeA);
    reviewer.get("/console/login");
    HttpResponse<String> signedIn =
        reviewer
            .switchTo(nodeB)
            .post("/console/login", Map.of("username", "reviewer", "password", "certhall-demo"));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(PortalHttp.location(signedIn)).isEqualTo("/console/");

    HttpResponse<String> queue = reviewer.switchTo(nodeA).get("/console/");
    assertThat(queue.statusCode()).as("A knows the sign-in made on B").isEqualTo(200);
    assertThat(queue.body()).contains("reviewer");

    assertThat(reviewer.switchTo(nodeB).post("/console/logout", Map.of()).statusCode())
        .isEqualTo(302);
    HttpResponse<String> after = reviewer.switchTo(nodeA).get("/console/");
    assertThat(after.statusCode()).as("signed out on B is signed out on A").isEqualTo(302);
    assertThat(PortalHttp.location(after)).isEqualTo("/console/login");
  }

  @Test
  void everyPeriodicJobOfBothNodesRunsUnderItsLockRowInTheSharedDatabase() throws Exception {
    List<String> names =
        List.of(
            "issuance-recovery",
            "lifecycle-recovery",
            "crl-due",
            "renewal-reminders",
            "inactive-orders",
            "limit-purge",
            "signing-request-purge",
            "payment-settlement");
    for (RunningApp node : new RunningApp[] {nodeA, nodeB}) {
      assertThat(node.bean(ScheduledJobs.class).jobs())
          .extracting(ScheduledJobs.Job::name)
          .containsExactlyInAnyOrderElementsOf(names);
    }
    // the jobs set to run every 2 s have taken their lock at least once (the others wait a minute)
    Set<String> expected =
        Set.of(
            "renewal-reminders",
            "inactive-orders",
            "limit-purge",
            "signing-request-purge",
            "payment-settlement");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> locked = new TreeSet<>();
    while (!locked.containsAll(expected) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      locked =
          new TreeSet<>(
              nodeA
                  .bean(JdbcClient.class)
                  .sql("SELECT name FROM shedlock")
                  .query(String.class)
                  .list());
    }
    assertThat(locked).containsAll(expected);
  }

  @Test
  void aKeyMadeOnOneNodeSignsOnTheOther() throws Exception {
    PublicKey made =
        nodeA.bean(SigningKeyStore.class).generateKeyPair("two-node-key", KeyAlgorithm.EC_P256);
    byte[] data = "证书申请".getBytes(StandardCharsets.UTF_8);
    ContentSigner signer = nodeB.bean(SigningKeyStore.class).signer("two-node-key");
    signer.getOutputStream().write(data);
    Signature check = Signature.getInstance("SHA256withECDSA");
    check.initVerify(made);
    check.update(data);
    assertThat(check.verify(signer.getSignature())).as("node B signs with node A's key").isTrue();
    assertThat(dataDir.resolve("keys-a")).as("no key file on disk").doesNotExist();
  }
}
