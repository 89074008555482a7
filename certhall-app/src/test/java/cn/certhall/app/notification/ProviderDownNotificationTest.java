package cn.certhall.app.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.notification.NotificationDispatchTest.MovableClock;
import cn.certhall.app.notification.NotificationDispatchTest.Setup;
import cn.certhall.app.persistence.SmsMessageLog;
import cn.certhall.app.sms.AliyunSmsSender;
import cn.certhall.app.sms.ProviderSettings;
import cn.certhall.app.sms.RecordedSmsSender;
import cn.certhall.app.sms.SmsProperties;
import cn.certhall.domain.notification.EmailSender;
import cn.certhall.domain.verification.SmsTemplate;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A notice through Alibaba Cloud while the provider is down (nothing listens), then answers with an
 * error page, then is back: the outbox keeps the notice, retries after its pauses, and each try is
 * recorded with what came of it.
 */
class ProviderDownNotificationTest {

  static SmsProperties aliyun(String endpoint) {
    Map<String, String> p = ProviderSettings.aliyun(endpoint);
    p.put("certhall.sms.read-timeout", "2s");
    return new Binder(new MapConfigurationPropertySource(p))
        .bind("certhall.sms", SmsProperties.class)
        .get();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_notice_waits_while_the_provider_is_down_and_goes_when_it_is_back(Kind kind)
      throws IOException {
    WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    MovableClock clock = new MovableClock();
    SmsMessageLog[] log = new SmsMessageLog[1];
    SmsProperties props = aliyun("127.0.0.1:" + port);
    RecordedSmsSender[] sender = new RecordedSmsSender[1];
    Setup s =
        NotificationDispatchTest.setup(
            kind,
            clock,
            (mobile, message) -> sender[0].send(mobile, message),
            (to, subject, body) -> EmailSender.Result.SENT);
    log[0] = new SmsMessageLog(s.jdbc(), TransactionOperations.withoutTransaction());
    sender[0] =
        new RecordedSmsSender(
            new AliyunSmsSender(props.aliyun(), props.connectTimeout(), props.readTimeout()),
            log[0],
            clock);
    try {
      s.notifications().rejected(NotificationDispatchTest.ORDER, "营业执照不清晰");

      assertThat(s.dispatcher().dispatchDue()).as("the email only").isEqualTo(1);
      assertThat(s.row("attempts")).isEqualTo("1");
      assertThat(s.row("last_problem")).isEqualTo("SMS UNAVAILABLE");
      assertThat(log[0].newest(1).get(0).providerCode()).isEqualTo("UNREACHABLE");

      stub = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
      stub.start();
      stub.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(503)
                      .withBody("{\"Code\":\"ServiceUnavailable\",\"RequestId\":\"R1\"}")));
      clock.now = NotificationDispatchTest.T0.plusSeconds(30);
      assertThat(s.dispatcher().dispatchDue()).isZero();
      assertThat(s.row("attempts")).isEqualTo("2");

      stub.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withBody(
                          "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"R2\",\"BizId\":\"B2^0\"}")));
      clock.now = NotificationDispatchTest.T0.plusSeconds(60);
      assertThat(s.dispatcher().dispatchDue()).as("not before the doubled pause").isZero();
      clock.now = NotificationDispatchTest.T0.plusSeconds(90);
      assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);

      assertThat(s.row("sent_at")).isNotNull();
      assertThat(stub.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
      assertThat(Signature.templateCode(stub.findAll(anyRequestedFor(anyUrl())).get(1).getUrl()))
          .isEqualTo(ProviderSettings.aliyunCode(SmsTemplate.APPLICATION_REJECTED));
      assertThat(log[0].newest(3))
          .extracting(SmsMessageLog.Entry::result)
          .containsExactly("SENT", "UNAVAILABLE", "UNAVAILABLE");
    } finally {
      stub.stop();
    }
  }

  /** The TemplateCode of a request to the stub. */
  static final class Signature {
    static String templateCode(String url) {
      for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
        if (pair.startsWith("TemplateCode=")) {
          return pair.substring("TemplateCode=".length());
        }
      }
      return null;
    }
  }
}
