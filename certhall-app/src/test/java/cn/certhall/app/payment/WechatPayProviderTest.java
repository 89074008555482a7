package cn.certhall.app.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentProvider.CloseOutcome;
import cn.certhall.domain.payment.PaymentProvider.PaymentReference;
import cn.certhall.domain.payment.PaymentProvider.ProviderUnavailableException;
import cn.certhall.domain.payment.PaymentProvider.RefundRequest;
import cn.certhall.domain.payment.PaymentProvider.RefundResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wechat.pay.java.core.exception.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeChat Pay adapter against a stub that checks the merchant's request signature and answers
 * signed with the WeChat Pay key: Native prepay, query, close, refund, the error answers, a
 * time-out, the provider down, an answer not signed by WeChat Pay, and the notifications.
 */
class WechatPayProviderTest {
  static final String PAYMENT = "PY23456789ABCDEFGHJKLM";
  static final PaymentReference REFERENCE =
      new PaymentReference(PAYMENT, null, 30000, PaymentMethod.WECHAT);

  @TempDir Path dir;
  WechatPayStub stub;
  WechatPayProvider wechat;

  @BeforeEach
  void start() {
    stub = new WechatPayStub(dir);
    wechat =
        new WechatPayProvider(stub.properties("https://certhall.example.cn"), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  List<LoggedRequest> requests() {
    List<LoggedRequest> all = stub.server.findAll(anyRequestedFor(anyUrl()));
    all.forEach(stub::assertSignedByMerchant);
    return all;
  }

  @Test
  void a_native_prepay_gives_the_code_url_to_show_as_a_qr_code() {
    stub.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                stub.signed(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}")));

    PaymentProvider.Checkout checkout =
        wechat.checkout(
            new PaymentProvider.PaymentRequest(
                PAYMENT,
                "CH20270615ABCDEFGHJK",
                1,
                30000,
                "证书费用 订单号 CH20270615ABCDEFGHJK",
                "福州测试科技有限公司",
                PaymentMethod.WECHAT));

    assertThat(checkout.qrCodeContent()).isEqualTo("weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    assertThat(checkout.cashierUrl()).isNull();
    LoggedRequest request = requests().get(0);
    JsonNode body = JsonMapper.builder().build().readTree(request.getBodyAsString());
    assertThat(body.get("mchid").asString()).isEqualTo(WechatPayStub.MCH_ID);
    assertThat(body.get("appid").asString()).isEqualTo(WechatPayStub.APP_ID);
    assertThat(body.get("out_trade_no").asString()).isEqualTo(PAYMENT);
    assertThat(body.get("amount").get("total").asInt()).isEqualTo(30000);
    assertThat(body.get("amount").get("currency").asString()).isEqualTo("CNY");
    assertThat(body.get("notify_url").asString())
        .isEqualTo("https://certhall.example.cn/api/payment/wechat/notify");
    assertThat(body.toString()).doesNotContain("福州测试科技有限公司");
  }

  @Test
  void a_query_maps_the_trade_state_and_names_the_notification_by_the_transaction() {
    String path = "/v3/pay/transactions/out-trade-no/" + PAYMENT;
    stub.server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                stub.signed(
                    200,
                    WechatPayStub.transaction(
                        PAYMENT, "4200000001202706150000000001", "SUCCESS", 30000))));

    Optional<PaymentNotification> paid = wechat.query(REFERENCE);

    assertThat(paid)
        .hasValueSatisfying(
            n -> {
              assertThat(n.notificationId()).isEqualTo("WX-4200000001202706150000000001");
              assertThat(n.paymentId()).isEqualTo(PAYMENT);
              assertThat(n.outcome()).isEqualTo(PaymentNotification.Outcome.PAID);
              assertThat(n.amountFen()).isEqualTo(30000);
            });
    assertThat(requests().get(0).getUrl()).isEqualTo(path + "?mchid=" + WechatPayStub.MCH_ID);

    stub.server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                stub.signed(200, WechatPayStub.transaction(PAYMENT, null, "NOTPAY", 30000))));
    assertThat(wechat.query(REFERENCE)).isEmpty();
    stub.server.stubFor(
        get(urlPathEqualTo(path)).willReturn(stub.error(404, "ORDER_NOT_EXIST", "订单不存在")));
    assertThat(wechat.query(REFERENCE)).isEmpty();
  }

  @Test
  void close_answers_closed_or_already_paid() {
    String path = "/v3/pay/transactions/out-trade-no/" + PAYMENT + "/close";
    stub.server.stubFor(post(urlEqualTo(path)).willReturn(stub.signed(204, "")));
    assertThat(wechat.close(REFERENCE)).isEqualTo(CloseOutcome.CLOSED);
    JsonNode body = JsonMapper.builder().build().readTree(requests().get(0).getBodyAsString());
    assertThat(body.get("mchid").asString()).isEqualTo(WechatPayStub.MCH_ID);

    stub.server.stubFor(post(urlEqualTo(path)).willReturn(stub.error(400, "ORDERPAID", "订单已支付")));
    assertThat(wechat.close(REFERENCE)).isEqualTo(CloseOutcome.ALREADY_PAID);
  }

  @Test
  void a_refund_is_processing_then_succeeds_and_a_refusal_is_failed_with_its_message() {
    RefundRequest refund =
        new RefundRequest("RF23456789ABCDEFGHJKLM", REFERENCE, 30000, "订单已取消，退还证书费用");
    stub.server.stubFor(
        post(urlEqualTo("/v3/refund/domestic/refunds"))
            .willReturn(
                stub.signed(
                    200, WechatPayStub.refund(refund.refundId(), PAYMENT, "PROCESSING", 30000))));
    stub.server.stubFor(
        get(urlEqualTo("/v3/refund/domestic/refunds/" + refund.refundId()))
            .willReturn(
                stub.signed(
                    200, WechatPayStub.refund(refund.refundId(), PAYMENT, "SUCCESS", 30000))));

    assertThat(wechat.refund(refund).status()).isEqualTo(RefundResult.Status.PROCESSING);
    RefundResult settled = wechat.refundStatus(refund);
    assertThat(settled.status()).isEqualTo(RefundResult.Status.SUCCEEDED);
    assertThat(settled.providerRefundId()).isEqualTo("50000000382019052709732678859");
    JsonNode body = JsonMapper.builder().build().readTree(requests().get(0).getBodyAsString());
    assertThat(body.get("out_refund_no").asString()).isEqualTo(refund.refundId());
    assertThat(body.get("out_trade_no").asString()).isEqualTo(PAYMENT);
    assertThat(body.get("amount").get("refund").asLong()).isEqualTo(30000);
    assertThat(body.get("amount").get("total").asLong()).isEqualTo(30000);

    stub.server.stubFor(
        post(urlEqualTo("/v3/refund/domestic/refunds"))
            .willReturn(stub.error(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起")));
    RefundResult refused = wechat.refund(refund);
    assertThat(refused.status()).isEqualTo(RefundResult.Status.FAILED);
    assertThat(refused.message()).contains("NOT_ENOUGH", "基本账户余额不足");
  }

  @Test
  void a_server_error_a_time_out_an_unsigned_answer_and_a_provider_down_are_unavailable() {
    stub.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(stub.error(500, "SYSTEM_ERROR", "系统异常，请稍后重试")));
    assertThatThrownBy(() -> wechat.checkout(request()))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("SYSTEM_ERROR");

    stub.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                stub.signed(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=late\"}")
                    .withFixedDelay(4500)));
    assertThatThrownBy(() -> wechat.checkout(request()))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("TIMEOUT");

    // signed with another key than WeChat Pay's: the SDK refuses the answer
    stub.server.stubFor(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                stub.signedWith(
                    WechatPayStub.rsa().getPrivate(), 200, "{\"code_url\":\"weixin://forged\"}")));
    assertThatThrownBy(() -> wechat.checkout(request()))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("signature");

    stub.server.stop();
    assertThatThrownBy(() -> wechat.close(REFERENCE))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("UNREACHABLE");
  }

  @Test
  void a_notification_is_verified_and_decrypted_and_a_forged_or_wrongly_keyed_one_is_refused() {
    String resource =
        WechatPayStub.transaction(PAYMENT, "4200000001202706150000000002", "SUCCESS", 30000);
    WechatPayStub.Notification good =
        WechatPayStub.notification(
            stub.platform.getPrivate(),
            WechatPayStub.API_V3_KEY,
            "TRANSACTION.SUCCESS",
            "transaction",
            resource);

    assertThat(wechat.paymentNotification(headers(good.headers()), good.body()))
        .hasValueSatisfying(
            n -> {
              assertThat(n.notificationId()).isEqualTo("WX-4200000001202706150000000002");
              assertThat(n.amountFen()).isEqualTo(30000);
            });

    WechatPayStub.Notification forged =
        WechatPayStub.notification(
            WechatPayStub.rsa().getPrivate(),
            WechatPayStub.API_V3_KEY,
            "TRANSACTION.SUCCESS",
            "transaction",
            resource);
    assertThatThrownBy(() -> wechat.paymentNotification(headers(forged.headers()), forged.body()))
        .isInstanceOf(ValidationException.class);

    WechatPayStub.Notification wrongKey =
        WechatPayStub.notification(
            stub.platform.getPrivate(),
            "0123456789abcdef0123456789abcdef",
            "TRANSACTION.SUCCESS",
            "transaction",
            resource);
    assertThatThrownBy(
            () -> wechat.paymentNotification(headers(wrongKey.headers()), wrongKey.body()))
        .isInstanceOf(RuntimeException.class);
  }

  static WechatPayProvider.Headers headers(Map<String, String> h) {
    return new WechatPayProvider.Headers(
        h.get("Wechatpay-Serial"),
        h.get("Wechatpay-Signature"),
        h.get("Wechatpay-Timestamp"),
        h.get("Wechatpay-Nonce"),
        h.get("Wechatpay-Signature-Type"));
  }

  static PaymentProvider.PaymentRequest request() {
    return new PaymentProvider.PaymentRequest(
        PAYMENT, "CH20270615ABCDEFGHJK", 1, 30000, "证书费用", "福州测试科技有限公司", PaymentMethod.WECHAT);
  }
}
