package cn.certhall.app.orderquery;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.app.OrderApplications.OTHER_CREDIT_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The order query over HTTP against the whole app: a person who passed the SMS check for one ID
 * number cannot open, continue or cancel another's order by changing the id in the URL; 取消订单 frees
 * the ID number for a new order; the form's answers do not tell whether a number has orders. The
 * same rules on the JDBC stores of H2 and PostgreSQL: {@code OrderQueryDatabaseTest}.
 */
class OrderQueryWebTest {
  /**
   * The handlers' mobiles of {@link OrderApplications#transfer} and {@link
   * OrderApplications#bankCard}.
   */
  static final String MY_HANDLER = "13800138001";

  static final String THEIR_HANDLER = "13600136004";

  @TempDir static Path dataDir;
  static RunningApp app;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** Each test its own pair of organizations, so the tests sharing an app do not meet. */
  record Orders(Order mine, Order theirs) {}

  static Orders twoOrganizations(RunningApp app, String myCode, String theirCode) {
    OrderService orders = app.bean(OrderService.class);
    return new Orders(
        OrderApplications.startVerified(orders, OrderApplications.transfer(myCode)),
        OrderApplications.startVerified(orders, OrderApplications.bankCard(theirCode)));
  }

  @Test
  void another_id_numbers_order_is_not_found_by_changing_the_id_in_the_url() {
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

  @Test
  void cancel_frees_the_id_number_for_a_new_order() {
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
    assertThat(orders.find(mine.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_FILLED);

    HttpResponse<String> cancelled = me.post("/orders/" + mine.id() + "/cancel", Map.of());
    assertThat(cancelled.statusCode()).isEqualTo(302);
    assertThat(cancelled.headers().firstValue("Location").orElseThrow())
        .endsWith("/orders/" + mine.id());
    HttpResponse<String> details = me.get("/orders/" + mine.id());
    assertThat(details.body()).contains("订单已取消。该证件号码可以重新办理此项业务。", "申请人在订单查询中取消订单");
    assertThat(orders.find(mine.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);

    Order next =
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(myCode));
    assertThat(next.status()).isEqualTo(OrderStatus.APPLICATION_FILLED);
    assertThat(me.get("/orders").body()).contains(next.id(), mine.id());
  }

  /**
   * The whole round on the portal's own form: a second application for the credit code meets
   * 存在未完成订单, which names no order and leads to 订单查询, where (after the SMS check) the open order is;
   * cancelling it lets the same form through.
   */
  @Test
  void cancel_lets_the_portals_form_start_a_new_order_for_the_id_number() {
    String creditCode = "91350200MA00200F6B";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("organizationName", "厦门示例科技有限公司");
    form.put("creditCode", creditCode);
    form.put("legalRepName", "张三");
    form.put("legalRepIdNumber", "11010519491231002X");
    form.put("handlerName", "李经办");
    form.put("handlerIdType", "RESIDENT_ID_CARD");
    form.put("handlerIdNumber", "110101199003071233");
    form.put("handlerMobile", "13900001234");
    form.put("handlerEmail", "handler@example.cn");
    form.put("adminName", "王管理");
    form.put("adminIdType", "RESIDENT_ID_CARD");
    form.put("adminIdNumber", "110105198001011238");
    form.put("adminMobile", "13700005678");
    form.put("enterpriseMethod", "LEGAL_REP_MOBILE");
    form.put("legalRepMobile", "13512340002");
    form.put("adminMethod", "MOBILE");
    WebSession applicant = new WebSession(app);
    HttpResponse<String> first = startApplication(applicant, form);
    assertThat(first.statusCode()).isEqualTo(302);
    String orderId = app.bean(OrderService.class).list(creditCode).unfinished().get(0).id();
    // the authorization code entered: the order passed verification, so 我的订单 trusts its handler
    applicant.get("/apply/" + orderId + "/confirm");
    assertThat(applicant.post("/apply/" + orderId + "/confirm", Map.of()).statusCode())
        .isEqualTo(302);
    applicant.get("/apply/" + orderId + "/code");
    String code = PortalHttp.sandboxCode(app, "13512340002", Pattern.compile("证书授权码为?(\\d{6})"));
    assertThat(applicant.post("/apply/" + orderId + "/code", Map.of("code", code)).statusCode())
        .isEqualTo(302);

    WebSession me = new WebSession(app);
    HttpResponse<String> refused = startApplication(me, form);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body())
        .contains("存在未完成订单", "/orders?channelId=demo")
        .doesNotContain(orderId);
    assertThat(me.get("/orders/" + orderId).statusCode()).isEqualTo(404);
    me.prove(creditCode, "13900001234");
    assertThat(me.get("/orders/" + orderId).statusCode()).isEqualTo(200);
    assertThat(me.post("/orders/" + orderId + "/cancel", Map.of()).statusCode()).isEqualTo(302);

    HttpResponse<String> again = startApplication(me, form);
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(again.headers().firstValue("Location").orElseThrow())
        .contains("/apply/CH")
        .endsWith("/confirm");
    assertThat(app.bean(OrderService.class).list(creditCode).unfinished())
        .singleElement()
        .satisfies(order -> assertThat(order.id()).isNotEqualTo(orderId));
  }

  /** The portal's 单位证书新办 as far as the submitted form: agreement, then the form. */
  static HttpResponse<String> startApplication(WebSession session, Map<String, String> form) {
    session.get("/apply?channelId=demo");
    assertThat(session.post("/apply", Map.of("channelId", "demo", "agree", "yes")).statusCode())
        .isEqualTo(302);
    session.get("/apply/form");
    return session.post("/apply/form", form);
  }

  @Test
  void the_answers_do_not_tell_whether_a_number_has_orders() {
    String withOrders = "91330100MA27XL0E2G";
    String without = "91330100MA27XL0E3K";
    OrderApplications.startVerified(
        app.bean(OrderService.class), OrderApplications.transfer(withOrders));
    WebSession me = new WebSession(app);
    me.get("/orders");

    for (String number : new String[] {withOrders, without}) {
      HttpResponse<String> sent =
          me.post("/orders", Map.of("kind", "UNIT", "idNumber", number, "action", "send"));
      HttpResponse<String> again =
          me.post("/orders", Map.of("kind", "UNIT", "idNumber", number, "action", "send"));
      HttpResponse<String> wrong =
          me.post(
              "/orders",
              Map.of("kind", "UNIT", "idNumber", number, "code", "000000", "action", "verify"));
      assertThat(sent.statusCode()).isEqualTo(200);
      assertThat(sent.body()).contains("如该证件号码下有订单，验证码已发送至订单经办人的手机").doesNotContain("138****");
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.body()).containsPattern("请 \\d+ 秒后再获取");
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).contains("验证码错误，还可尝试 4 次");
    }
  }

  @Test
  void bad_input_is_answered_next_to_the_field_in_the_users_language() {
    WebSession me = new WebSession(app);
    me.get("/orders");

    HttpResponse<String> badCode =
        me.post(
            "/orders", Map.of("kind", "UNIT", "idNumber", "91350100M000100Y44", "action", "send"));
    HttpResponse<String> noType =
        me.post(
            "/orders", Map.of("kind", "PERSONAL", "idNumber", "11010519491231002X", "idType", "X"));
    HttpResponse<String> shortCode =
        me.post(
            "/orders",
            Map.of("kind", "UNIT", "idNumber", CREDIT_CODE, "code", "12345", "action", "verify"));
    me.get("/orders?lang=en");
    HttpResponse<String> english =
        me.post(
            "/orders",
            Map.of("kind", "UNIT", "idNumber", CREDIT_CODE, "code", "", "action", "verify"));

    assertThat(badCode.statusCode()).isEqualTo(400);
    assertThat(badCode.body()).contains("field-error").contains("value=\"91350100M000100Y44\"");
    assertThat(noType.body()).contains("请选择证件类型");
    assertThat(shortCode.body()).contains("验证码为6位数字").doesNotContain("value=\"12345\"");
    assertThat(english.body()).contains("Enter the code from the text message");
  }

  /**
   * With Debian's headless Chromium (skipped where it is missing, except under CI): one
   * continue-after-leaving and one cancel, screenshots under target/screenshots.
   */
  @Nested
  class InTheBrowser {
    static Browser browser;

    @BeforeAll
    static void startBrowser() {
      browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
      if (browser != null) {
        browser.close();
      }
    }

    @Test
    void an_order_left_at_the_confirmation_continues_there(TestInfo test) {
      String creditCode = "91320500MA1MXK1U8D";
      OrderService orders = app.bean(OrderService.class);
      Order left = OrderApplications.startVerified(orders, OrderApplications.transfer(creditCode));
      orders.move(left.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
      browser.beginTest(test.getTestMethod().orElseThrow().getName());
      OrderQueryBrowserSteps steps = new OrderQueryBrowserSteps(app, browser);

      steps.proveUnit(creditCode, MY_HANDLER);
      assertThat(browser.find(OrderQueryBrowserSteps.card(left.id())).getText()).contains("核验通过");
      browser.clickAndWait(By.cssSelector("li[data-order='" + left.id() + "'] form button"));
      browser.screenshot("continued");

      assertThat(browser.driver().getCurrentUrl()).contains("/apply/" + left.id() + "/confirm");
      assertThat(browser.text()).contains("确认订单", "福州测试科技有限公司");
    }

    @Test
    void an_order_is_cancelled_after_a_confirmation(TestInfo test) {
      String creditCode = "91440101MA59UQ8H6U";
      Order order =
          OrderApplications.startVerified(
              app.bean(OrderService.class), OrderApplications.transfer(creditCode));
      browser.beginTest(test.getTestMethod().orElseThrow().getName());
      OrderQueryBrowserSteps steps = new OrderQueryBrowserSteps(app, browser);

      steps.proveUnit(creditCode, MY_HANDLER);
      browser.clickAndWait(
          By.cssSelector("li[data-order='" + order.id() + "'] a[href$='" + order.id() + "']"));
      browser.screenshot("details");
      assertThat(browser.byId("order-status").getText()).isEqualTo("申请表已填写");
      browser.clickAndWait(By.id("cancel"));
      browser.screenshot("confirm-cancel");
      assertThat(browser.text()).contains("确定要取消订单 " + order.id() + " 吗？");
      browser.clickAndWait(By.id("confirm-cancel"));
      browser.screenshot("cancelled");

      assertThat(browser.byId("order-status").getText()).isEqualTo("订单已取消");
      // issue 16 point 4: a cancelled order never reads as done
      assertThat(browser.byId("next-step").getText()).isEqualTo("该订单已取消，不能继续办理；如需办理，请重新申请。");
      assertThat(browser.text()).doesNotContain("订单已完成");
      assertThat(browser.driver().findElements(By.id("cancel"))).isEmpty();
      assertThat(browser.byId("history").getText()).contains("申请人在订单查询中取消订单");
      assertThat(app.bean(OrderService.class).find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.CANCELLED);
      browser.clickAndWait(By.linkText("返回我的订单"));
      browser.screenshot("finished-list");
      assertThat(
              browser
                  .find(
                      By.cssSelector(
                          "section[data-list='finished'] li[data-order='" + order.id() + "']"))
                  .isDisplayed())
          .isTrue();
    }
  }
}
