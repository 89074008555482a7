package cn.certhall.app.payment.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentProvider.Checkout;
import cn.certhall.domain.payment.PaymentProvider.CloseOutcome;
import cn.certhall.domain.payment.PaymentProvider.PaymentReference;
import cn.certhall.domain.payment.PaymentProvider.PaymentRequest;
import cn.certhall.domain.payment.PaymentProvider.ProviderUnavailableException;
import cn.certhall.domain.payment.PaymentProvider.RefundRequest;
import cn.certhall.domain.payment.PaymentProvider.RefundResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AlipayPaymentProvider} against a local stub of Alipay's gateway: every request is checked
 * as Alipay would (its method, its biz_content, its RSA2 signature with the merchant's public key),
 * and answered as Alipay documents it, signed with the test "Alipay" key; also a signature that
 * does not verify, business errors (code 40004 with a sub_code), a time-out and a gateway that is
 * down.
 */
class AlipayPaymentProviderTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2027-06-15T02:00:00Z"), ZoneOffset.UTC);
  static final String PAYMENT_ID = "PY23456789ABCDEFGHJKLM";
  static final PaymentReference PAYMENT =
      new PaymentReference(PAYMENT_ID, null, 30000, PaymentMethod.ALIPAY);
  static final RefundRequest REFUND =
      new RefundRequest("RF23456789ABCDEFGHJKLM", PAYMENT, 30000, "订单已取消，退还证书费用");
  static final String TRADE_NO = "2027061522001412345678901234";

  @TempDir static Path keys;
  static AlipayFixture alipay;
  static WireMockServer stub;

  @BeforeAll
  static void start() {
    alipay = new AlipayFixture(keys);
    stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    stub.start();
  }

  @AfterAll
  static void stop() {
    stub.stop();
  }

  @BeforeEach
  void reset() {
    stub.resetAll();
  }

  static String gateway() {
    return "http://127.0.0.1:" + stub.port() + "/gateway.do";
  }

  static AlipayPaymentProvider provider(String gateway, Duration readTimeout) {
    return AlipayPaymentProvider.create(
        alipay.properties(gateway, readTimeout), URI.create("https://ca.example.cn/"), CLOCK);
  }

  static AlipayPaymentProvider provider() {
    return provider(gateway(), Duration.ofSeconds(5));
  }

  /** The gateway answers {@code method} with {@code response}, signed by Alipay. */
  static void answer(String method, String response) {
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .withQueryParam("method", equalTo(method))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html;charset=utf-8")
                    .withBody(alipay.answer(method, response))));
  }

  static String businessError(String subCode, String subMsg) {
    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\""
        + subCode
        + "\",\"sub_msg\":\""
        + subMsg
        + "\"}";
  }

  static String trade(String status) {
    return "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\""
        + TRADE_NO
        + "\",\"out_trade_no\":\""
        + PAYMENT_ID
        + "\",\"buyer_logon_id\":\"159****5620\",\"trade_status\":\""
        + status
        + "\",\"total_amount\":\"300.00\",\"send_pay_date\":\"2027-06-15 10:01:02\",\"buyer_user_id\":\"2088101117955611\"}";
  }

  /**
   * The only request the gateway received for {@code method}: its signature verified, its
   * biz_content.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> request(String method) {
    List<LoggedRequest> requests = stub.findAll(anyRequestedFor(anyUrl()));
    LoggedRequest r =
        requests.stream()
            .filter(q -> method.equals(AlipayFixture.params(q).get("method")))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError("no " + method + " among " + requests.size() + " requests"));
    assertThat(r.getMethod().getName()).isEqualTo("POST");
    Map<String, String> params = AlipayFixture.params(r);
    alipay.assertSignedByMerchant(params);
    assertThat(params)
        .containsEntry("charset", "UTF-8")
        .containsEntry("version", "1.0")
        .containsEntry("format", "json");
    return bizContent(params);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> bizContent(Map<String, String> params) {
    return (Map<String, Object>)
        JsonMapper.builder().build().readValue(params.get("biz_content"), Map.class);
  }

  @Test
  void checkout_is_the_signed_page_pay_url_of_the_payment_in_yuan_and_calls_nothing() {
    Checkout checkout =
        provider()
            .checkout(
                new PaymentRequest(
                    PAYMENT_ID,
                    "CH0123456789",
                    1,
                    30001,
                    "证书费用 订单号 CH0123456789",
                    "福州支付科技有限公司",
                    PaymentMethod.ALIPAY));

    assertThat(checkout.providerReference()).isNull();
    assertThat(checkout.qrCodeContent()).isNull();
    assertThat(checkout.cashierUrl()).startsWith(gateway() + "?");
    Map<String, String> params = AlipayFixture.query(checkout.cashierUrl());
    alipay.assertSignedByMerchant(params);
    assertThat(params)
        .containsEntry("method", "alipay.trade.page.pay")
        .containsEntry("notify_url", "https://ca.example.cn/api/payment/alipay/notify")
        .containsEntry("return_url", "https://ca.example.cn/apply/CH0123456789/pay");
    Map<String, Object> biz = bizContent(params);
    assertThat(biz)
        .containsEntry("out_trade_no", PAYMENT_ID)
        .containsEntry("total_amount", "300.01")
        .containsEntry("subject", "证书费用 订单号 CH0123456789")
        .containsEntry("product_code", "FAST_INSTANT_TRADE_PAY")
        .containsEntry("timeout_express", "120m");
    assertThat(checkout.cashierUrl())
        .as("the payer's name stays with certhall")
        .doesNotContain("福州");
    assertThat(stub.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void amounts_in_fen_are_exact_yuan() {
    assertThat(AlipayPaymentProvider.yuan(1)).isEqualTo("0.01");
    assertThat(AlipayPaymentProvider.yuan(30000)).isEqualTo("300.00");
    assertThat(AlipayPaymentProvider.yuan(123456789012L)).isEqualTo("1234567890.12");
    assertThat(AlipayPaymentProvider.fen("0.01")).isEqualTo(1);
    assertThat(AlipayPaymentProvider.fen("300.1")).isEqualTo(30010);
    assertThatThrownBy(() -> AlipayPaymentProvider.fen("0.001"))
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void a_paid_trade_is_the_notification_the_webhook_would_record() {
    answer("alipay.trade.query", trade("TRADE_SUCCESS"));

    Optional<PaymentNotification> paid = provider().query(PAYMENT);

    assertThat(paid)
        .contains(
            new PaymentNotification(
                "ALIPAY-" + TRADE_NO + "-PAID",
                PAYMENT_ID,
                PaymentNotification.Outcome.PAID,
                30000,
                Instant.parse("2027-06-15T02:01:02Z")));
    assertThat(request("alipay.trade.query")).isEqualTo(Map.of("out_trade_no", PAYMENT_ID));
  }

  @ParameterizedTest
  @CsvSource({"TRADE_FINISHED, true", "WAIT_BUYER_PAY, false", "TRADE_CLOSED, false"})
  void only_a_paid_trade_is_an_outcome(String status, boolean paid) {
    answer("alipay.trade.query", trade(status));

    assertThat(provider().query(PAYMENT).isPresent()).isEqualTo(paid);
  }

  @Test
  void a_trade_alipay_does_not_know_yet_has_no_outcome_and_a_system_error_is_no_answer() {
    answer("alipay.trade.query", businessError("ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(provider().query(PAYMENT)).isEmpty();

    answer("alipay.trade.query", businessError("ACQ.SYSTEM_ERROR", "系统错误"));
    assertThatThrownBy(() -> provider().query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("ACQ.SYSTEM_ERROR");
  }

  @Test
  void closing_an_unpaid_or_unknown_trade_closes_it() {
    answer(
        "alipay.trade.close",
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"" + PAYMENT_ID + "\"}");
    assertThat(provider().close(PAYMENT)).isEqualTo(CloseOutcome.CLOSED);
    assertThat(request("alipay.trade.close")).isEqualTo(Map.of("out_trade_no", PAYMENT_ID));

    answer("alipay.trade.close", businessError("ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(provider().close(PAYMENT)).isEqualTo(CloseOutcome.CLOSED);
  }

  @Test
  void closing_a_trade_paid_meanwhile_says_so() {
    answer("alipay.trade.close", businessError("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
    answer("alipay.trade.query", trade("TRADE_SUCCESS"));
    assertThat(provider().close(PAYMENT)).isEqualTo(CloseOutcome.ALREADY_PAID);

    answer("alipay.trade.query", trade("TRADE_CLOSED"));
    assertThat(provider().close(PAYMENT)).as("closed before").isEqualTo(CloseOutcome.CLOSED);
  }

  static String refunded(String fundChange) {
    return "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\""
        + TRADE_NO
        + "\",\"out_trade_no\":\""
        + PAYMENT_ID
        + "\",\"buyer_logon_id\":\"159****5620\",\"fund_change\":\""
        + fundChange
        + "\",\"refund_fee\":\"300.00\","
        + "\"gmt_refund_pay\":\"2027-06-16 10:00:00\"}";
  }

  @Test
  void a_refund_gives_the_whole_amount_back_under_certhalls_refund_id() {
    answer("alipay.trade.refund", refunded("Y"));

    assertThat(provider().refund(REFUND))
        .isEqualTo(new RefundResult(RefundResult.Status.SUCCEEDED, null, null));
    assertThat(request("alipay.trade.refund"))
        .isEqualTo(
            Map.of(
                "out_trade_no",
                PAYMENT_ID,
                "out_request_no",
                REFUND.refundId(),
                "refund_amount",
                "300.00",
                "refund_reason",
                "订单已取消，退还证书费用"));
  }

  @Test
  void a_refund_without_a_fund_change_is_asked_after_and_then_succeeds() {
    answer("alipay.trade.refund", refunded("N"));
    assertThat(provider().refund(REFUND).status()).isEqualTo(RefundResult.Status.PROCESSING);

    answer(
        "alipay.trade.fastpay.refund.query",
        "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\""
            + TRADE_NO
            + "\",\"out_trade_no\":\""
            + PAYMENT_ID
            + "\",\"out_request_no\":\""
            + REFUND.refundId()
            + "\",\"total_amount\":\"300.00\",\"refund_amount\":\"300.00\",\"refund_status\":\"REFUND_SUCCESS\"}");
    assertThat(provider().refundStatus(REFUND).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
    assertThat(request("alipay.trade.fastpay.refund.query"))
        .isEqualTo(Map.of("out_trade_no", PAYMENT_ID, "out_request_no", REFUND.refundId()));
  }

  @Test
  void a_refund_alipay_does_not_show_is_asked_for_again_with_the_same_id() {
    answer(
        "alipay.trade.fastpay.refund.query",
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\""
            + PAYMENT_ID
            + "\",\"out_request_no\":\""
            + REFUND.refundId()
            + "\"}");
    answer("alipay.trade.refund", refunded("Y"));

    assertThat(provider().refundStatus(REFUND).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
    assertThat(request("alipay.trade.refund")).containsEntry("out_request_no", REFUND.refundId());
  }

  @ParameterizedTest
  @CsvSource({
    "ACQ.SELLER_BALANCE_NOT_ENOUGH, 卖家余额不足, 商户支付宝账户余额不足：充值后用同一退款号重试",
    "ACQ.TRADE_STATUS_ERROR, 交易状态不合法, 交易状态不允许退款（未付款或已关闭）",
    "ACQ.TRADE_HAS_FINISHED, 交易已完结, 交易已完结，超过了可退款期限",
    "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL, 退款金额超限, 同一退款号的金额或内容与上次不同"
  })
  void a_refused_refund_fails_with_words_an_operator_can_act_on(
      String subCode, String subMsg, String message) {
    answer("alipay.trade.refund", businessError(subCode, subMsg));

    assertThat(provider().refund(REFUND))
        .isEqualTo(
            new RefundResult(RefundResult.Status.FAILED, null, message + " (" + subCode + ")"));
  }

  @Test
  void a_system_error_on_a_refund_is_no_answer_to_ask_again() {
    answer("alipay.trade.refund", businessError("ACQ.SYSTEM_ERROR", "系统错误"));
    assertThatThrownBy(() -> provider().refund(REFUND))
        .isInstanceOf(ProviderUnavailableException.class);

    answer(
        "alipay.trade.refund",
        "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
            + "\"sub_code\":\"isp.unknow-error\",\"sub_msg\":\"系统繁忙\"}");
    assertThatThrownBy(() -> provider().refund(REFUND))
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void an_answer_not_signed_by_alipay_is_no_answer() {
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html;charset=utf-8")
                    .withBody(
                        AlipayFixture.answer(
                            "alipay.trade.query",
                            trade("TRADE_SUCCESS"),
                            AlipayFixture.rsa().getPrivate()))));

    assertThatThrownBy(() -> provider().query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasNoCause()
        .hasMessageNotContaining("159****5620");
  }

  @Test
  void an_unsigned_answer_of_success_is_no_answer() {
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html;charset=utf-8")
                    .withBody("{\"alipay_trade_query_response\":" + trade("TRADE_SUCCESS") + "}")));

    assertThatThrownBy(() -> provider().query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void an_answer_altered_after_signing_is_no_answer() {
    String signed = alipay.answer("alipay.trade.query", trade("WAIT_BUYER_PAY"));
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html;charset=utf-8")
                    .withBody(signed.replace("WAIT_BUYER_PAY", "TRADE_SUCCESS"))));

    assertThatThrownBy(() -> provider().query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void a_gateway_slower_than_the_read_time_out_is_no_answer() {
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withFixedDelay(3000)
                    .withBody(alipay.answer("alipay.trade.query", trade("TRADE_SUCCESS")))));

    assertThatThrownBy(() -> provider(gateway(), Duration.ofMillis(500)).query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("TIMEOUT");
  }

  @Test
  void a_gateway_that_is_down_or_failing_is_no_answer() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                provider("http://127.0.0.1:" + closed + "/gateway.do", Duration.ofSeconds(2))
                    .refund(REFUND))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("UNREACHABLE");

    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
    assertThatThrownBy(() -> provider().query(PAYMENT))
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void a_missing_setting_or_an_unusable_key_stops_the_start_with_its_name() {
    AlipayProperties complete = alipay.properties(gateway(), Duration.ofSeconds(5));
    AlipayProperties noAppId =
        new AlipayProperties(
            true,
            " ",
            complete.merchantPrivateKeyFile(),
            null,
            complete.gatewayUrl(),
            null,
            null,
            "RSA2",
            "UTF-8",
            complete.payWithin(),
            complete.connectTimeout(),
            complete.readTimeout());
    assertThatThrownBy(
            () -> AlipayPaymentProvider.create(noAppId, URI.create("https://ca.example.cn"), CLOCK))
        .hasMessageContaining("certhall.payment.alipay.app-id")
        .hasMessageContaining("certhall.payment.alipay.alipay-public-key-file");

    AlipayProperties swapped =
        new AlipayProperties(
            true,
            AlipayFixture.APP_ID,
            complete.alipayPublicKeyFile(),
            complete.alipayPublicKeyFile(),
            complete.gatewayUrl(),
            null,
            null,
            "RSA2",
            "UTF-8",
            complete.payWithin(),
            complete.connectTimeout(),
            complete.readTimeout());
    assertThatThrownBy(
            () -> AlipayPaymentProvider.create(swapped, URI.create("https://ca.example.cn"), CLOCK))
        .hasMessageContaining("certhall.payment.alipay.merchant-private-key-file")
        .hasMessageContaining("PKCS#8");
  }
}
