package cn.certhall.app.orderquery;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.app.OrderApplications.OTHER_CREDIT_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.orderquery.OrderQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order query over HTTP against the whole app, on H2 and PostgreSQL: a person who passed the
 * SMS check for one ID number cannot open, continue or cancel another's order by changing the id
 * in the URL, and 取消订单 frees the ID number for a new order.
 */
class OrderQueryWebTest {
  /** The handlers' mobiles of {@link OrderApplications#transfer} and {@link OrderApplications#bankCard}. */
  static final String MY_HANDLER = "13800138001";

  static final String THEIR_HANDLER = "13600136004";

  private static final Map<Kind, RunningApp> apps = new EnumMap<>(Kind.class);

  static synchronized RunningApp app(Kind kind) {
    return apps.computeIfAbsent(
        kind,
        k -> {
          try {
            Path dataDir = Files.createTempDirectory("certhall-query-" + k);
            return RunningApp.start(
                RunningApp.database(k, dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @AfterAll
  static void stop() {
    apps.values().forEach(RunningApp::close);
    apps.clear();
  }

  /** Each test its own pair of organizations, so the tests sharing an app do not meet. */
  record Orders(Order mine, Order theirs) {}

  static Orders twoOrganizations(RunningApp app, String myCode, String theirCode) {
    OrderService orders = app.bean(OrderService.class);
    return new Orders(
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(myCode)),
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.bankCard(theirCode)));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void another_id_numbers_order_is_not_found_by_changing_the_id_in_the_url(Kind kind) {
    RunningApp app = app(kind);
    Orders orders = twoOrganizations(app, CREDIT_CODE, OTHER_CREDIT_CODE);
    String mine = orders.mine().id();
    String theirs = orders.theirs().id();
    WebSession me = new WebSession(app);

    assertThat(me.get("/orders/" + mine).statusCode()).isEqualTo(404);
    me.prove(CREDIT_CODE, MY_HANDLER);

    HttpResponse<String> lists = me.get("/orders");
    assertThat(lists.statusCode()).isEqualTo(200);
    assertThat(lists.body()).contains(mine, CREDIT_CODE).doesNotContain(theirs, OTHER_CREDIT_CODE);
    HttpResponse<String> details = me.get("/orders/" + mine);
    assertThat(details.statusCode()).isEqualTo(200);
    assertThat(details.body())
        .contains(mine, "申请表已填写", "李*", "110***********1234", "138****8001", "j***@example.cn")
        .doesNotContain("110101199003071234", "13800138001", "李经办", "35001234567890");

    HttpResponse<String> unknown = me.get("/orders/CH20270615XXXXXXXXXXXX");
    HttpResponse<String> other = me.get("/orders/" + theirs);
    assertThat(other.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
    assertThat(other.body().replace(theirs, "ID"))
        .isEqualTo(unknown.body().replace("CH20270615XXXXXXXXXXXX", "ID"))
        .doesNotContain(OTHER_CREDIT_CODE, "北京测试有限责任公司");
    assertThat(me.get("/orders/" + theirs + "/cancel").statusCode()).isEqualTo(404);
    me.get("/orders/" + mine);
    assertThat(me.post("/orders/" + theirs + "/continue", Map.of()).statusCode()).isEqualTo(404);
    assertThat(me.post("/orders/" + theirs + "/cancel", Map.of()).statusCode()).isEqualTo(404);
    assertThat(app.bean(OrderService.class).find(theirs).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_FILLED);

    WebSession stranger = new WebSession(app);
    assertThat(stranger.get("/orders/" + mine).statusCode()).isEqualTo(404);
    assertThat(stranger.get("/orders").body()).doesNotContain(mine);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void cancel_frees_the_id_number_for_a_new_order(Kind kind) {
    RunningApp app = app(kind);
    String myCode = "91440300MA5DC6QX9C";
    Order mine = twoOrganizations(app, myCode, "91310000MA1FL0JX47").mine();
    OrderService orders = app.bean(OrderService.class);
    assertThatThrownBy(
            () ->
                orders.start(
                    BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(myCode)))
        .isInstanceOf(UnfinishedOrderExistsException.class);
    WebSession me = new WebSession(app);
    me.prove(myCode, MY_HANDLER);

    HttpResponse<String> confirm = me.get("/orders/" + mine.id() + "/cancel");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("确认取消订单", mine.id());
    assertThat(me.postRaw("/orders/" + mine.id() + "/cancel", Map.of()).statusCode())
        .as("without the CSRF token")
        .isEqualTo(403);
    assertThat(orders.find(mine.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPLICATION_FILLED);

    HttpResponse<String> cancelled = me.post("/orders/" + mine.id() + "/cancel", Map.of());
    assertThat(cancelled.statusCode()).isEqualTo(302);
    assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + mine.id());
    HttpResponse<String> details = me.get("/orders/" + mine.id());
    assertThat(details.body()).contains("订单已取消。该证件号码可以重新办理此项业务。", OrderQuery.CANCEL_NOTE);
    assertThat(orders.find(mine.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);

    Order next =
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(myCode));
    assertThat(next.status()).isEqualTo(OrderStatus.APPLICATION_FILLED);
    assertThat(me.get("/orders").body()).contains(next.id(), mine.id());
  }
}
