package cn.certhall.app.payment.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.sms.ProviderCheckCommand;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --certhall.provider-check=alipay} against a stub of Alipay's gateway (the real call is
 * never made here): a query of a trade that does not exist, signed; Alipay's refusal of the
 * merchant's signature; and the refusals before anything is sent.
 */
class AlipayProviderCheckTest {
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

  static String run(int expectedExit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProviderCheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isEqualTo(expectedExit);
    return printed;
  }

  static String[] configured() {
    List<String> args = new ArrayList<>(List.of("--certhall.provider-check=alipay"));
    for (Map.Entry<String, String> s :
        alipay.settings("http://127.0.0.1:" + stub.port() + "/gateway.do").entrySet()) {
      args.add("--" + s.getKey() + "=" + s.getValue());
    }
    return args.toArray(String[]::new);
  }

  @Test
  void alipay_answering_that_the_trade_does_not_exist_proves_the_keys() {
    stub.resetAll();
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withBody(
                        alipay.answer(
                            "alipay.trade.query",
                            AlipayPaymentProviderTest.businessError(
                                "ACQ.TRADE_NOT_EXIST", "交易不存在")))));

    assertThat(run(0, configured())).contains("signatures verified both ways");
    assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    alipay.assertSignedByMerchant(
        AlipayFixture.params(stub.findAll(anyRequestedFor(anyUrl())).get(0)));
  }

  @Test
  void alipay_refusing_the_merchants_signature_is_a_failed_check() {
    stub.resetAll();
    // Alipay signs no answer to a request whose signature it refused
    stub.stubFor(
        post(urlPathEqualTo("/gateway.do"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"alipay_trade_query_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\","
                            + "\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"验签出错\"}}")));

    assertThat(run(1, configured())).contains("40002 isv.invalid-signature");
  }

  @Test
  void it_is_not_tried_when_alipay_is_off_or_a_setting_is_missing() {
    assertThat(run(2, "--certhall.provider-check=alipay"))
        .contains("certhall.payment.alipay.enabled");
    assertThat(run(2, "--certhall.provider-check=alipay", "--certhall.payment.alipay.enabled=true"))
        .contains(
            "certhall.payment.alipay.app-id", "certhall.payment.alipay.merchant-private-key-file");
  }
}
