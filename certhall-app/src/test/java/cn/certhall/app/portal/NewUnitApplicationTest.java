package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.web.Browser;
import cn.certhall.domain.identity.IdNumber;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 单位证书新办 in the browser (SPEC 3.1 steps 1–5): from the agreement and the empty form through each of
 * the three enterprise verification methods to the entered authorization code, with one bad input
 * per step (the error next to the field, what was typed kept), screenshots of each step; and, over
 * plain HTTP, parallel submissions for one credit code that leave one order. An application becomes
 * an order only once both verifications passed (issue 14): before, it is the session's draft.
 */
class NewUnitApplicationTest {
  private static final Pattern CODE = Pattern.compile("证书授权码为?(\\d{6})");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static RunningApp app;
  static Browser browser;

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA", "certhall.sandbox.enabled", "true"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  static Browser browser(String test) {
    if (browser == null) {
      browser = Browser.start();
    }
    browser.beginTest("NewUnitApplicationTest." + test);
    return browser;
  }

  /** A credit code with a valid check character: the 17 given characters and the one that fits. */
  static String creditCode(String first17) {
    for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(first17 + c).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check character for " + first17);
  }

  static String residentId(String first17) {
    for (char c : "0123456789X".toCharArray()) {
      if (IdNumber.validate(IdType.RESIDENT_ID_CARD, first17 + c, LocalDate.now()).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check digit for " + first17);
  }

  static final String LEGAL_REP_ID = "11010519491231002X";
  static final String HANDLER_ID = residentId("11010119900307123");
  static final String ADMIN_ID = residentId("11010519800101123");

  /** The form's fields for a sample organization; each test changes what it needs. */
  static Map<String, String> sampleForm(String creditCode, String suffix) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("organizationName", "示例科技有限公司" + suffix);
    f.put("creditCode", creditCode);
    f.put("legalRepName", "张三");
    f.put("legalRepIdNumber", LEGAL_REP_ID);
    f.put("handlerName", "李经办");
    f.put("handlerIdNumber", HANDLER_ID);
    f.put("handlerMobile", "13900001234");
    f.put("handlerEmail", "handler@example.cn");
    f.put("adminName", "王管理");
    f.put("adminIdNumber", ADMIN_ID);
    f.put("adminMobile", "13700005678");
    return f;
  }

  // ---- browser steps -----------------------------------------------------------------------

  /** Agreement: refused unticked (bad input), then accepted. */
  static void agree(Browser b) {
    b.open(app.url("/apply?channelId=demo"));
    b.screenshot("agreement");
    b.clickAndWait(By.id("start"));
    b.screenshot("agreement-not-ticked");
    assertThat(b.byId("agree-error").getText()).contains("请阅读并勾选同意协议");
    assertThat(b.byId("agree").getDomAttribute("aria-describedby")).isEqualTo("agree-error");
    b.byId("agree").click();
    b.clickAndWait(By.id("start"));
    assertThat(b.text()).contains("填写申请信息");
  }

  static void fill(Browser b, Map<String, String> fields) {
    fields.forEach(b::type);
  }

  static void submitForm(Browser b) {
    b.clickAndWait(By.id("next"));
  }

  static void assertFieldError(Browser b, String field, String text) {
    assertThat(b.byId(field + "-error").getText()).contains(text);
    assertThat(b.byId(field).getDomAttribute("aria-describedby")).contains(field + "-error");
    assertThat(b.find(By.cssSelector("label[for='" + field + "']")).isDisplayed()).isTrue();
  }

  /** An error about a choice of method: shown above its radio buttons, tied to their fieldset. */
  static void assertGroupError(Browser b, String group, String text) {
    assertThat(b.byId(group + "-error").getText()).contains(text);
    assertThat(
            b.find(By.cssSelector("fieldset[aria-describedby='" + group + "-error']"))
                .isDisplayed())
        .isTrue();
  }

  static void assertKept(Browser b, Map<String, String> fields) {
    fields.forEach(
        (id, value) ->
            assertThat(b.byId(id).getDomProperty("value")).as(id + " kept").isEqualTo(value));
  }

  /** The newest code the sandbox delivered to a mobile or account. */
  static String sandboxCode(String to) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        app.url(
                            "/sandbox/api/messages?to="
                                + URLEncoder.encode(to, StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode messages = JsonMapper.builder().build().readTree(r.body());
    assertThat(messages.size()).as("messages to " + to).isPositive();
    Matcher m = CODE.matcher(messages.get(0).get("body").asString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** Confirmation shows the data masked; confirm; then the code page with one bad entry. */
  static void confirmAndEnterCode(Browser b, String to, String shownDestination) throws Exception {
    assertThat(b.text()).contains("确认订单", "企业认证与证书及印章管理员核验已通过", shownDestination);
    assertThat(b.text())
        .as("personal data masked")
        .contains("110***********" + HANDLER_ID.substring(14), "139****1234", "137****5678", "李*")
        .doesNotContain(HANDLER_ID, "13900001234", "13700005678", LEGAL_REP_ID);
    b.screenshot("confirm");
    b.clickAndWait(By.id("confirm"));
    b.screenshot("code");
    assertThat(b.text()).contains("证书授权码");

    b.type("code", "12345");
    b.clickAndWait(By.id("submit-code"));
    b.screenshot("code-bad-format");
    assertFieldError(b, "code", "请输入 6 位数字的证书授权码");
    assertThat(b.byId("code").getDomProperty("value")).isEqualTo("12345");

    String code = sandboxCode(to);
    String wrong = code.equals("000000") ? "111111" : "000000";
    b.type("code", wrong);
    b.clickAndWait(By.id("submit-code"));
    b.screenshot("code-wrong");
    assertFieldError(b, "code", "授权码错误，还可尝试");

    b.type("code", code);
    b.clickAndWait(By.id("submit-code"));
    b.screenshot("code-entered");
    assertThat(b.text()).contains("资料上传", "营业执照", "单位授权委托书");
  }

  static OrderStatus statusOf(String creditCode) {
    OrderList list =
        app.bean(OrderService.class).list(creditCode, BusinessType.NEW_UNIT_CERTIFICATE);
    assertThat(list.unfinished()).hasSize(1);
    return list.unfinished().get(0).status();
  }

  @Test
  void legal_representative_mobile_with_a_bad_input_at_each_step() throws Exception {
    Browser b = browser("legalRepMobile");
    String creditCode = creditCode("91350100MA00100A1");
    // issue 16 point 9: a fresh browser that opens the form's address first is shown where the
    // application starts, not told that a page it never had expired
    b.open(app.url("/apply?channelId=demo"));
    b.driver().manage().deleteAllCookies();
    b.open(app.url("/apply/form"));
    b.screenshot("form-in-a-fresh-browser");
    assertThat(b.text()).contains("请从办理入口开始").doesNotContain("申请页面已过期", "长时间未操作");
    b.clickAndWait(By.id("demo-start"));
    assertThat(b.text()).contains("服务协议");
    b.driver().manage().deleteAllCookies();
    b.open(app.url("/apply/form?channelId=demo"));
    b.screenshot("form-in-a-fresh-browser-with-channel");
    assertThat(b.byId("notice").getText()).contains("请阅读并同意以下协议后再填写申请表");
    assertThat(b.text()).doesNotContain("申请页面已过期");
    agree(b);
    b.screenshot("empty-form");

    // the form: a wrong check character in the credit code
    Map<String, String> form =
        sampleForm(creditCode.substring(0, 17) + (creditCode.endsWith("1") ? "2" : "1"), "一");
    fill(b, form);
    b.find(By.id("enterpriseMethod-LEGAL_REP_MOBILE")).click();
    b.type("legalRepMobile", "13812345678");
    b.find(By.id("adminMethod-MOBILE")).click();
    b.screenshot("form-filled");
    submitForm(b);
    b.screenshot("form-bad-credit-code");
    assertFieldError(b, "creditCode", "统一社会信用代码校验位不正确");
    assertKept(b, form);
    assertThat(b.byId("legalRepMobile").getDomProperty("value")).isEqualTo("13812345678");
    assertThat(b.byId("enterpriseMethod-LEGAL_REP_MOBILE").isSelected()).isTrue();

    // administrator verification: a mobile the carrier does not match
    b.type("creditCode", creditCode);
    b.type("adminMobile", "13700000000");
    submitForm(b);
    b.screenshot("admin-check-failed");
    assertGroupError(b, "adminMethod", "证书及印章管理员信息核验未通过");
    assertThat(b.byId("adminMobile").getDomProperty("value")).isEqualTo("13700000000");

    // enterprise verification: the legal representative does not match; the transfer is suggested
    b.type("adminMobile", "13700005678");
    b.type("legalRepName", "假张三");
    submitForm(b);
    b.screenshot("legal-rep-check-failed");
    assertGroupError(b, "enterpriseMethod", "法定代表人信息核验未通过");
    assertThat(b.byId("enterpriseMethod-error").getText()).contains("建议选择“企业对公打款”");
    assertThat(b.byId("legalRepName").getDomProperty("value")).isEqualTo("假张三");
    // not verified: still the session's draft, no order (issue 14)
    assertThat(app.bean(OrderService.class).list(creditCode).unfinished()).isEmpty();

    b.type("legalRepName", "张三");
    submitForm(b);
    assertThat(statusOf(creditCode)).isEqualTo(OrderStatus.VERIFIED);

    // 返回修改 and back: the form comes back filled, and an unchanged resubmission keeps the code
    b.clickAndWait(By.id("edit"));
    b.screenshot("back-to-form");
    assertKept(
        b, Map.of("creditCode", creditCode, "legalRepName", "张三", "legalRepMobile", "13812345678"));
    submitForm(b);

    confirmAndEnterCode(b, "13812345678", "138****5678");
    assertThat(statusOf(creditCode)).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
  }

  /**
   * Issue 16, point 15: a name the round seal cannot hold (a character outside the seal font) is
   * told at once beside the name, and passes once the applicant confirms the 印章采集表 with its
   * impression.
   */
  @Test
  void a_name_the_seal_cannot_hold_is_told_at_once_and_passes_once_the_impression_is_promised()
      throws Exception {
    Browser b = browser("sealName");
    String creditCode = creditCode("91350100MA00100D4");
    agree(b);
    Map<String, String> form = sampleForm(creditCode, "");
    form.put("organizationName", "福州喆华科技有限公司");
    fill(b, form);
    b.find(By.id("enterpriseMethod-LEGAL_REP_MOBILE")).click();
    b.type("legalRepMobile", "13812345678");
    b.find(By.id("adminMethod-MOBILE")).click();
    submitForm(b);
    b.screenshot("seal-name-outside-font");
    assertFieldError(b, "organizationName", "「喆」不在印章字库");
    assertThat(b.byId("sealImpressionPromised-error").getText()).contains("印章采集表");
    assertThat(b.byId("sealImpressionPromised").isSelected()).isFalse();
    assertKept(b, Map.of("organizationName", "福州喆华科技有限公司"));

    b.byId("sealImpressionPromised").click();
    submitForm(b);
    b.screenshot("seal-name-impression-promised");
    assertThat(b.text()).contains("确认订单");
    assertThat(statusOf(creditCode)).isEqualTo(OrderStatus.VERIFIED);
  }

  @Test
  void corporate_transfer_with_a_wrong_account_name_first() throws Exception {
    Browser b = browser("corporateTransfer");
    String creditCode = creditCode("91110108MA00100B2");
    agree(b);
    Map<String, String> form = sampleForm(creditCode, "二");
    fill(b, form);
    b.find(By.id("enterpriseMethod-CORPORATE_TRANSFER")).click();
    String account = "6228480012345678";
    b.type("accountName", "假示例科技有限公司二");
    b.type("accountNumber", account);
    b.select("bank", "中国农业银行");
    b.find(By.id("adminMethod-BANK_CARD")).click();
    b.type("adminCardNumber", "6222020000022233");
    b.type("adminCardMobile", "13700005678");
    b.screenshot("form-filled");
    submitForm(b);
    b.screenshot("account-name-mismatch");
    assertFieldError(b, "accountName", "开户名称与账号不符");
    assertKept(
        b,
        Map.of(
            "accountName",
            "假示例科技有限公司二",
            "accountNumber",
            account,
            "adminCardNumber",
            "6222020000022233"));

    b.type("accountName", "示例科技有限公司二");
    submitForm(b);
    confirmAndEnterCode(b, account, "0.01");
    assertThat(statusOf(creditCode)).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
  }

  @Test
  void legal_representative_bank_card_with_a_card_that_fails_luhn_first() throws Exception {
    Browser b = browser("legalRepBankCard");
    String creditCode = creditCode("91440300MA00100C3");
    agree(b);
    Map<String, String> form = sampleForm(creditCode, "三");
    fill(b, form);
    b.find(By.id("enterpriseMethod-LEGAL_REP_BANK_CARD")).click();
    b.type("legalRepCardNumber", "6222020000022234");
    b.type("legalRepCardMobile", "13612345678");
    b.find(By.id("adminMethod-MOBILE")).click();
    submitForm(b);
    b.screenshot("card-fails-luhn");
    assertFieldError(b, "legalRepCardNumber", "银行卡号校验位不正确");
    assertKept(
        b, Map.of("legalRepCardNumber", "6222020000022234", "legalRepCardMobile", "13612345678"));

    b.type("legalRepCardNumber", "6222020000022233");
    submitForm(b);
    confirmAndEnterCode(b, "13612345678", "136****5678");
    assertThat(statusOf(creditCode)).isEqualTo(OrderStatus.AUTHORIZATION_CODE_ENTERED);
  }

  // ---- plain HTTP ----------------------------------------------------------------------------

  /** One browser session as far as the filled form: cookie jar and CSRF token. */
  record Session(HttpClient client, String csrf) {
    static Session start() throws Exception {
      HttpClient client =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String page = get(client, "/apply?channelId=demo").body();
      String csrf = NewUnitApplicationTest.csrf(page);
      HttpResponse<String> agreed =
          post(client, "/apply", Map.of("channelId", "demo", "agree", "yes", "_csrf", csrf));
      assertThat(agreed.statusCode()).isEqualTo(302);
      return new Session(client, NewUnitApplicationTest.csrf(get(client, "/apply/form").body()));
    }

    HttpResponse<String> submit(Map<String, String> form) throws Exception {
      Map<String, String> body = new LinkedHashMap<>(form);
      body.put("_csrf", csrf);
      return post(client, "/apply/form", body);
    }
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("CSRF token in the page").isTrue();
    return m.group(1);
  }

  static HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(HttpClient client, String path, Map<String, String> form)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return client.send(
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_order_page_opens_only_for_the_session_that_may_see_it() throws Exception {
    String creditCode = creditCode("91330100MA00100E5");
    Map<String, String> form = sampleForm(creditCode, "五");
    form.put("handlerIdType", "RESIDENT_ID_CARD");
    form.put("adminIdType", "RESIDENT_ID_CARD");
    form.put("enterpriseMethod", "LEGAL_REP_MOBILE");
    form.put("legalRepMobile", "13512340001");
    form.put("adminMethod", "MOBILE");
    Session owner = Session.start();
    HttpResponse<String> created = owner.submit(form);
    assertThat(created.statusCode()).isEqualTo(302);
    String confirm = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    assertThat(get(owner.client(), confirm).statusCode()).isEqualTo(200);

    Session stranger = Session.start();
    HttpResponse<String> other = get(stranger.client(), confirm);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain(creditCode, "示例科技有限公司五");

    // the stranger who files the same form (both checks pass) gets an order of his own, never the
    // owner's page; parallel filings: UnverifiedOrdersAttackTest
    HttpResponse<String> again = stranger.submit(form);
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(URI.create(again.headers().firstValue("Location").orElseThrow()).getPath())
        .isNotEqualTo(confirm);
    assertThat(get(stranger.client(), confirm).statusCode()).isEqualTo(404);
  }
}
