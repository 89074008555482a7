package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.channel.SyncMessage;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.sealmaking.SealServiceTest;
import cn.certhall.documents.seal.SealPng;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 16, point 15, as the reviewer and the CA administrator meet it on the running app: an
 * organization name of 40 characters, and one with a character outside the seal font, each with a
 * 印章采集表 that holds no usable impression. Before, both orders stayed APPROVED without a certificate;
 * now the first is issued with the drawn two-ring seal, the second is issued without its seal and
 * the administrator makes it from a new impression under 待处理印章, which reaches the channel.
 */
class SealTasksTest {
  static final String FORTY = "中国工商银行股份有限公司福建省分行营业部福州市鼓楼区五四路支行第一营业网点管理部";

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
    app.bean(cn.certhall.app.persistence.OperatorRepository.class)
        .insert(
            "admin-seals",
            app.bean(PasswordEncoder.class).encode("admin password 16"),
            Role.CA_ADMIN);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** An order at 等待审核 for {@code name} whose 印章采集表 has no impression. */
  static Order waitingOrder(String name, String creditCode) throws Exception {
    OrderService orders = app.bean(OrderService.class);
    UnitApplication a = OrderApplications.transfer(creditCode);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            new UnitApplication(
                name,
                creditCode,
                a.legalRepresentative(),
                a.handler(),
                a.administrator(),
                a.enterpriseVerification(),
                a.administratorVerification()));
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.AUTHORIZATION_CODE_ENTERED)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    for (MaterialKind kind : MaterialKind.values()) {
      byte[] file =
          kind == MaterialKind.SEAL_COLLECTION_FORM
              ? SealServiceTest.form(false)
              : kind == MaterialKind.AUTHORIZATION_LETTER
                  ? UploadSamples.pdf("authorization letter")
                  : UploadSamples.png(UploadSamples.document(1000, 640));
      ReviewFixtures.upload(app, order.id(), kind, file);
    }
    app.bean(MaterialService.class).complete(order.id());
    for (OrderStatus to :
        List.of(OrderStatus.APPLICATION_SIGNED, OrderStatus.PAID, OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    return order;
  }

  /** The reviewer claims and approves over HTTP; the queue's message after it. */
  static String approve(Order order) {
    PortalHttp reviewer = signedIn("reviewer", "certhall-demo");
    String page = "/console/orders/" + order.id();
    reviewer.get(page);
    reviewer.post(page + "/claim", Map.of());
    reviewer.get(page);
    HttpResponse<String> approved = reviewer.post(page + "/approve", Map.of());
    assertThat(approved.statusCode()).isEqualTo(302);
    return reviewer.get(PortalHttp.location(approved)).body();
  }

  /** A browser-like session of an operator, signed in with the CSRF field of the sign-in page. */
  static PortalHttp signedIn(String username, String password) {
    PortalHttp session = new PortalHttp(app);
    session.get("/console/login");
    HttpResponse<String> signedIn =
        session.post("/console/login", Map.of("username", username, "password", password));
    assertThat(PortalHttp.location(signedIn)).isEqualTo("/console/");
    return session;
  }

  static OrderStatus status(Order order) {
    return app.bean(OrderService.class).find(order.id()).orElseThrow().status();
  }

  static Map<String, Object> sealOf(Order order) {
    return app
        .bean(JdbcClient.class)
        .sql(
            "SELECT s.source, s.image_png FROM seal s JOIN order_certificate o"
                + " ON o.ca_name = s.ca_name AND o.serial = s.certificate_serial WHERE o.order_id = ?")
        .param(order.id())
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** The channel's view of the order's certificate: the body of its last sync. */
  static SyncMessage channelMessage(Order order) {
    return SyncMessage.fromJson(
        app.bean(JdbcClient.class)
            .sql("SELECT body FROM channel_certificate WHERE order_id = ?")
            .param(order.id())
            .query(byte[].class)
            .single());
  }

  @Test
  void aFortyCharacterNameWithoutAnImpressionIsIssuedWithTheDrawnTwoRingSeal() throws Exception {
    Order order = waitingOrder(FORTY, ReviewFixtures.creditCode("91350100MA0016001"));

    String queue = approve(order);

    assertThat(status(order)).isEqualTo(OrderStatus.ISSUED);
    assertThat(queue).contains("证书已签发").doesNotContain("待处理印章，由");
    Map<String, Object> seal = sealOf(order);
    assertThat(seal).isNotNull();
    assertThat(seal.get("source")).isEqualTo("DRAWN");
    assertThat(SealPng.read((byte[]) seal.get("image_png")).getWidth()).isEqualTo(992);
    SyncMessage synced = channelMessage(order);
    assertThat(synced.event()).isEqualTo("certificate.issued");
    assertThat(synced.seal()).isNotNull();
  }

  @Test
  void aNameOutsideTheFontIsIssuedAndTheAdministratorMakesItsSealFromANewImpression()
      throws Exception {
    Order order = waitingOrder("福州喆华科技有限公司", ReviewFixtures.creditCode("91350100MA0016002"));

    String queue = approve(order);

    // issued at once, without its seal, and the reviewer is told where it went
    assertThat(status(order)).isEqualTo(OrderStatus.ISSUED);
    assertThat(queue).contains("待处理印章", "「喆」不在印章字库");
    assertThat(sealOf(order)).isNull();
    SyncMessage issued = channelMessage(order);
    assertThat(issued.event()).isEqualTo("certificate.issued");
    assertThat(issued.seal()).isNull();
    // the recovery has nothing left to do for it
    assertThat(app.bean(cn.certhall.domain.issuance.IssuanceService.class).recover()).isEmpty();

    // a reviewer cannot reach the list; the CA administrator sees the order and why
    PortalHttp reviewer = signedIn("reviewer", "certhall-demo");
    assertThat(reviewer.get("/console/admin/seals").statusCode()).isEqualTo(403);
    PortalHttp admin = signedIn("admin-seals", "admin password 16");
    assertThat(admin.get("/console/").body()).contains("href=\"/console/admin/seals\"");
    String list = admin.get("/console/admin/seals").body();
    assertThat(list).contains("待处理印章", order.id(), "福州喆华科技有限公司", "「喆」不在印章字库");
    String serial = serialOf(order);
    String action = "/console/admin/seals/ecdsa-issuing/" + serial;
    assertThat(list).contains("action=\"" + action + "\"");

    // a file without an impression is refused and the task stays; the form with one makes the seal
    admin.get("/console/admin/seals");
    HttpResponse<String> refused = admin.upload(action, "form.png", SealServiceTest.form(false));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(admin.get("/console/admin/seals").body()).contains("没有可用的印模", order.id());
    assertThat(sealOf(order)).isNull();

    HttpResponse<String> made = admin.upload(action, "form.png", SealServiceTest.form(true));
    assertThat(made.statusCode()).isEqualTo(302);
    String after = admin.get("/console/admin/seals").body();
    assertThat(after).contains("电子印章已制作").doesNotContain(order.id());
    Map<String, Object> seal = sealOf(order);
    assertThat(seal.get("source")).isEqualTo("ADMINISTRATOR");
    SyncMessage sealed = channelMessage(order);
    assertThat(sealed.event()).isEqualTo("certificate.sealed");
    assertThat(sealed.certificate().serial()).isEqualTo(serial);
    assertThat(Base64.getDecoder().decode(sealed.seal().base64())).isEqualTo(seal.get("image_png"));

    // a second upload (another administrator, a replayed form) finds no task
    admin.upload(action, "form.png", SealServiceTest.form(true));
    assertThat(admin.get("/console/admin/seals").body()).contains("该证书没有待处理的印章");
  }

  static String serialOf(Order order) {
    return app.bean(JdbcClient.class)
        .sql("SELECT serial FROM order_certificate WHERE order_id = ?")
        .param(order.id())
        .query(String.class)
        .single();
  }
}
