package cn.certhall.app.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.sms.ProviderCheckCommandTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --certhall.provider-check=wechatpay} against the WeChat Pay stub: the query of an order
 * never opened, answered ORDER_NOT_EXIST (works), or refused with the signature error WeChat Pay
 * gives for a wrong merchant key; without settings it names them and calls nothing.
 */
class WechatPayCheckTest {
  @TempDir Path dir;

  String[] args(WechatPayStub stub) {
    List<String> args = new ArrayList<>(List.of("--certhall.provider-check=wechatpay"));
    stub.settings("https://certhall.example.cn").forEach((k, v) -> args.add("--" + k + "=" + v));
    return args.toArray(String[]::new);
  }

  @Test
  void a_signed_answer_is_success_and_a_refusal_says_why() {
    try (WechatPayStub stub = new WechatPayStub(dir)) {
      stub.server.stubFor(
          get(urlPathMatching("/v3/pay/transactions/out-trade-no/CHECK\\d+"))
              .willReturn(stub.error(404, "ORDER_NOT_EXIST", "订单不存在")));
      assertThat(ProviderCheckCommandTest.run(0, args(stub)))
          .contains("WeChat Pay answered", WechatPayStub.MCH_ID);
      stub.server.verify(
          getRequestedFor(urlPathMatching("/v3/pay/transactions/out-trade-no/CHECK\\d+")));
      stub.server
          .findAll(getRequestedFor(urlPathMatching(".*")))
          .forEach(stub::assertSignedByMerchant);

      stub.server.stubFor(
          get(urlPathMatching("/v3/pay/transactions/out-trade-no/CHECK\\d+"))
              .willReturn(stub.error(401, "SIGN_ERROR", "签名错误")));
      assertThat(ProviderCheckCommandTest.run(1, args(stub))).contains("401", "SIGN_ERROR");
    }
  }

  @Test
  void without_settings_it_names_them() {
    assertThat(
            ProviderCheckCommandTest.run(
                2,
                "--certhall.provider-check=wechatpay",
                "--certhall.payment.wechat.enabled=true",
                "--certhall.payment.wechat.mch-id=1900000109"))
        .contains("certhall.payment.wechat.app-id", "certhall.payment.wechat.api-v3-key")
        .doesNotContain("certhall.payment.wechat.mch-id");
  }
}
