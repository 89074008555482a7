package cn.certhall.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.console.ReviewFixtures;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an operator's load balancer and Prometheus see, on H2 and PostgreSQL: liveness and readiness
 * on the management port (nothing of it on the public port), the certhall metrics after an OCSP
 * request and an approval that issues a certificate, and readiness DOWN once the outbox holds an
 * item nobody has claimed for an hour.
 */
class OperationsEndpointsTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir Path dataDir;

  final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @ParameterizedTest
  @EnumSource(Kind.class)
  void healthAndMetricsOnTheManagementPortOnly(Kind kind) throws Exception {
    Map<String, String> settings =
        Map.of(
            "certhall.ca.hierarchies", "ECDSA",
            // no poller claims the outbox during the test: the old item below stays due
            "certhall.review.notification-poll", "1h",
            "certhall.operations.figures-max-age", "0s");
    Files.createDirectories(dataDir);
    try (RunningApp app = RunningApp.start(RunningApp.database(kind, dataDir), dataDir, settings)) {
      HttpResponse<String> liveness = get(app.managementUrl("/actuator/health/liveness"));
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(liveness.body()).contains("\"status\":\"UP\"");
      HttpResponse<String> readiness = get(app.managementUrl("/actuator/health/readiness"));
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
      assertThat(readiness.body())
          .contains(
              "\"status\":\"UP\"",
              "\"db\"",
              "\"keyStore\"",
              "\"certificateAuthorities\"",
              "\"outbox\"")
          .contains("ecdsa-issuing")
          .doesNotContain("passphrase");

      for (String path :
          new String[] {
            "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator"
          }) {
        assertThat(get(app.url(path)).statusCode()).as("public port %s", path).isEqualTo(404);
      }

      // a relying party asks twice about the issuing CA's certificate: signed, then from the cache
      CaRegistry cas = app.bean(CaRegistry.class);
      CertificateAuthority root = cas.find("ecdsa-root").orElseThrow();
      CertificateAuthority issuing = cas.find("ecdsa-issuing").orElseThrow();
      byte[] request =
          new OCSPReqBuilder()
              .addRequest(
                  new CertificateID(
                      new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                      new X509CertificateHolder(root.certificateDer()),
                      issuing.certificate().getSerialNumber()))
              .build()
              .getEncoded();
      for (int i = 0; i < 2; i++) {
        HttpResponse<byte[]> ocsp =
            http.send(
                HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ocsp.statusCode()).isEqualTo(200);
      }

      // a reviewer approves an order: the certificate is issued
      Order order =
          ReviewFixtures.waitingOrderWithMaterials(
              app, ReviewFixtures.creditCode("91350100MA0050001"));
      String login = app.url("/console/login");
      post(login, csrf(login), "username=reviewer&password=certhall-demo");
      String page = app.url("/console/orders/" + order.id());
      String token = csrf(page);
      post(page + "/claim", token, "");
      post(page + "/approve", token, "");
      assertThat(app.bean(OrderService.class).find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.ISSUED);

      String metrics = get(app.managementUrl("/actuator/prometheus")).body();
      assertThat(metrics)
          .containsPattern(
              "certhall_ocsp_requests_seconds_count\\{[^}]*outcome=\"successful\"[^}]*\\} 2(\\.0)?\n")
          .containsPattern("certhall_ocsp_requests_seconds_bucket\\{[^}]*outcome=\"successful\"")
          .containsPattern("certhall_ocsp_cache_hits_total\\{[^}]*\\} 1\\.0")
          .containsPattern("certhall_ocsp_cache_misses_total\\{[^}]*\\} 1\\.0")
          .containsPattern("certhall_ocsp_cache_hit_ratio\\{[^}]*\\} 0\\.5")
          .containsPattern(
              "certhall_issuance_seconds_count\\{[^}]*ca=\"ecdsa-issuing\"[^}]*outcome=\"issued\"[^}]*\\} 1(\\.0)?\n")
          .containsPattern("certhall_issuance_seconds_bucket\\{[^}]*ca=\"ecdsa-issuing\"")
          .containsPattern("certhall_outbox_lag_seconds\\{[^}]*outbox=\"notifications\"[^}]*\\} ")
          .containsPattern("certhall_outbox_lag_seconds\\{[^}]*outbox=\"webhooks\"")
          .containsPattern("certhall_outbox_given_up\\{[^}]*outbox=\"notifications\"[^}]*\\} 0\\.0")
          .containsPattern("certhall_outbox_given_up\\{[^}]*outbox=\"webhooks\"[^}]*\\} 0\\.0")
          .containsPattern("certhall_crl_age_seconds\\{[^}]*ca=\"ecdsa-root\"[^}]*\\} \\d")
          .containsPattern("certhall_crl_age_seconds\\{[^}]*ca=\"ecdsa-issuing\"[^}]*\\} \\d")
          .containsPattern("certhall_review_queue_waiting\\{[^}]*\\} 0\\.0")
          .containsPattern("certhall_review_queue_overdue\\{[^}]*\\} 0\\.0")
          // the pages are timed by the generic request timer; OCSP answers only by their own
          // (the OCSP servlet is no MVC handler: its requests would be the POSTs of uri UNKNOWN)
          .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/console/login\"")
          .doesNotContainPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"200\",uri=\"UNKNOWN\"")
          .doesNotContain("spring_security_http_unsecured_requests");

      // an SMS due for an hour that no node has taken: the outboxes are not being worked
      OffsetDateTime hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
      app.bean(JdbcClient.class)
          .sql(
              "INSERT INTO notification_outbox (channel, recipient, subject, body, order_id,"
                  + " created_at, next_attempt_at, attempts) VALUES ('SMS', '13800138001', NULL,"
                  + " '【certhall】积压测试', ?, ?, ?, 0)")
          .params(order.id(), hourAgo, hourAgo)
          .update();
      HttpResponse<String> backlog = get(app.managementUrl("/actuator/health/readiness"));
      assertThat(backlog.statusCode()).as(backlog.body()).isEqualTo(503);
      assertThat(backlog.body())
          .containsPattern("\"outbox\":\\{.*?\"limitSeconds\":600\\},\"status\":\"DOWN\"");
      assertThat(get(app.managementUrl("/actuator/health/liveness")).statusCode()).isEqualTo(200);
      assertThat(get(app.managementUrl("/actuator/prometheus")).body())
          .containsPattern(
              "certhall_outbox_lag_seconds\\{[^}]*outbox=\"notifications\"[^}]*\\} 36\\d\\d");
    }
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String csrf(String url) throws Exception {
    Matcher m = CSRF.matcher(get(url).body());
    assertThat(m.find()).as("CSRF token on " + url).isTrue();
    return m.group(1);
  }

  void post(String url, String csrf, String fields) throws Exception {
    String body =
        (fields.isEmpty() ? "" : fields + "&")
            + "_csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s", url).isIn(200, 302, 303);
  }
}
