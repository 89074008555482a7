package cn.certhall.app.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.certhall.app.OwnerOnlyTree;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.channel.SecretBox;
import cn.certhall.app.console.OperatorCreateCommand;
import cn.certhall.app.payment.alipay.AlipayFixture;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.app.realname.IdentityProviderSettings;
import cn.certhall.app.sms.ProviderSettings;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.VerificationContext;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Production mode (issue 14, points 4, 9, 11, 13, 14, 16) against the running app: starts that must
 * be refused, naming the setting to change, and one production start on PostgreSQL with real-ish
 * settings that the other tests attack over HTTP: no sandbox or API documents, no demo channel,
 * owner-only files, forwarded headers only from the trusted proxy, and webhooks that cannot reach
 * internal addresses.
 */
class ProductionModeTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** Loopback addresses besides 127.0.0.1: not the trusted proxy, and not public. */
  static final String UNTRUSTED = "127.0.0.2";

  static final String ALLOWED_RECEIVER = "127.0.0.5";
  static final String INTERNAL_RECEIVER = "127.0.0.6";

  @TempDir static Path temporary;

  /** Made by the app, so its own mode is checked too. */
  static Path dataDir;

  static RunningApp app;
  static HttpServer allowed;
  static HttpServer internal;
  static final AtomicInteger allowedHits = new AtomicInteger();
  static final AtomicInteger internalHits = new AtomicInteger();

  /** Settings a CA would start production with: PostgreSQL, configured secrets, no demo. */
  static Map<String, String> production() {
    byte[] key = new byte[32];
    Map<String, String> p = new LinkedHashMap<>();
    p.put("certhall.mode", "production");
    p.put("certhall.demo.enabled", "false");
    p.put("certhall.sandbox.enabled", "false");
    p.put("certhall.keystore.passphrase", "a production key store passphrase");
    p.put("certhall.verification.code-secret", "a production code secret of 32 bytes or more");
    p.put("certhall.channel.secret-key", Base64.getEncoder().encodeToString(key));
    p.put("certhall.ca.hierarchies", "ECDSA");
    // real SMS, real-name and face-check providers, as production mode asks; nothing listens
    // there, no test sends an SMS and every check answers UNAVAILABLE
    p.putAll(ProviderSettings.aliyun("127.0.0.1:9"));
    p.putAll(IdentityProviderSettings.tencent("127.0.0.1:9"));
    // no bank interface: finance makes the corporate transfers by hand
    p.put("certhall.verification.transfer.provider", "manual");
    p.put("certhall.verification.transfer.payer-account-name", "某 CA 有限公司");
    // a real payment provider: Alipay (over https, as production asks; nothing listens there)
    p.putAll(alipay().settings("https://127.0.0.1:9/gateway.do"));
    return p;
  }

  private static AlipayFixture alipay;

  /** The Alipay keys of every start of this class, in its temporary directory. */
  static synchronized AlipayFixture alipay() {
    if (alipay == null) {
      alipay = new AlipayFixture(temporary);
    }
    return alipay;
  }

  @BeforeAll
  static void start() throws IOException {
    allowed = receiver(ALLOWED_RECEIVER, allowedHits, 302);
    internal = receiver(INTERNAL_RECEIVER, internalHits, 200);
    Map<String, String> p = production();
    p.put("certhall.channel.webhook.allowed-hosts", ALLOWED_RECEIVER + "/32");
    p.put("certhall.channel.webhook.poll-interval", "200ms");
    p.put("spring.main.sources", RemoteAddressEcho.class.getName());
    dataDir = temporary.resolve("data");
    database = TestDatabases.freshPostgres();
    // issue 16, point 2: the first administrator, made by the command on the empty database
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    firstAdministratorExit =
        OperatorCreateCommand.run(
            command(database, "--certhall.operator.create=first.admin"),
            new ByteArrayInputStream(
                (FIRST_ADMIN_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    firstAdministratorOutput = out.toString(StandardCharsets.UTF_8);
    app = RunningApp.start(database, dataDir, p);
  }

  static final String FIRST_ADMIN_PASSWORD = "first administrator's password";
  static TestDatabases.Target database;
  static int firstAdministratorExit;
  static String firstAdministratorOutput;

  /** The command line of the first-administrator command, with production's settings. */
  static String[] command(TestDatabases.Target db, String... extra) {
    Map<String, String> p = production();
    p.put("spring.datasource.url", db.url());
    p.put("spring.datasource.username", db.user());
    p.put("spring.datasource.password", db.password());
    List<String> args = new ArrayList<>();
    p.forEach((k, v) -> args.add("--" + k + "=" + v));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  static int runCommand(String stdin, ByteArrayOutputStream out, String... extra) {
    return OperatorCreateCommand.run(
        command(database, extra),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        null,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void the_first_administrator_command_makes_an_administrator_who_signs_in_and_no_second_unasked(
      @TempDir Path secrets) throws Exception {
    assertThat(firstAdministratorExit).as(firstAdministratorOutput).isZero();
    assertThat(firstAdministratorOutput)
        .contains("first.admin")
        .doesNotContain(FIRST_ADMIN_PASSWORD);
    Console admin = Console.signIn("first.admin", FIRST_ADMIN_PASSWORD);
    assertThat(admin.get("/console/admin/operators").body()).contains("first.admin", "CA 管理员");
    assertThat(admin.get("/console/admin/audit").body()).contains("审计日志完整");
    JdbcClient jdbc = app.bean(JdbcClient.class);
    assertThat(
            jdbc.sql(
                    "SELECT actor || ' ' || subject FROM audit_log WHERE action = 'OPERATOR_CREATED'")
                .query(String.class)
                .list())
        .containsExactly("command:operator.create operator/first.admin");

    // a second one is refused while an administrator exists, unless asked for
    ByteArrayOutputStream refused = new ByteArrayOutputStream();
    assertThat(
            runCommand(
                "another long password\n", refused, "--certhall.operator.create=second.admin"))
        .isEqualTo(1);
    assertThat(refused.toString(StandardCharsets.UTF_8)).contains("已有 CA 管理员", "additional=true");
    assertThat(app.bean(OperatorRepository.class).find("second.admin")).isEmpty();

    // asked for, with the password in a file (never on the command line)
    Path file = secrets.resolve("admin-password");
    Files.writeString(file, "second admin's password\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            runCommand(
                "",
                out,
                "--certhall.operator.create=second.admin",
                "--certhall.operator.additional=true",
                "--certhall.operator.password-file=" + file))
        .as(out.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("second admin's password");
    assertThat(
            Console.signIn("second.admin", "second admin's password")
                .get("/console/admin/audit")
                .body())
        .contains("审计日志完整");

    // a short password is refused
    assertThat(
            runCommand(
                "short\n",
                new ByteArrayOutputStream(),
                "--certhall.operator.create=third.admin",
                "--certhall.operator.additional=true"))
        .isEqualTo(1);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    for (HttpServer s : new HttpServer[] {allowed, internal}) {
      if (s != null) {
        s.stop(0);
      }
    }
  }

  /** A webhook receiver; the allowed one redirects to the internal one. */
  static HttpServer receiver(String address, AtomicInteger hits, int status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          if (status == 302) {
            exchange
                .getResponseHeaders()
                .add(
                    "Location",
                    "http://" + INTERNAL_RECEIVER + ":" + internal.getAddress().getPort() + "/");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  static ProductionModeRefused refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ProductionModeRefused refused) {
        return refused;
      }
    }
    throw new AssertionError("start not refused by production mode", thrown);
  }

  // ---- point 4: refused starts ------------------------------------------------------------

  @Test
  void
      production_mode_with_the_demo_defaults_is_refused_naming_every_setting_before_opening_anything(
          @TempDir Path otherDir) {
    Path data = otherDir.resolve("data");
    Throwable thrown =
        catchThrowable(
            () ->
                RunningApp.start(
                        RunningApp.h2File(data), data, Map.of("certhall.mode", "production"))
                    .close());

    List<String> problems = refusal(thrown).problems();
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_DEMO_ENABLED=false"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_SANDBOX_ENABLED=false", "'sms'"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_SANDBOX_ENABLED=false", "'real-name'"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_SANDBOX_ENABLED=false", "'payment'"))
        .anySatisfy(p -> assertThat(p).contains("H2", "SPRING_DATASOURCE_URL"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_KEYSTORE_PASSPHRASE"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_VERIFICATION_CODE_SECRET"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_CHANNEL_SECRET_KEY"));
    assertThat(data).as("no database, key or secret was made").doesNotExist();
  }

  @Test
  void a_database_that_ran_the_demo_is_refused_with_how_to_disable_its_demo_channel_and_account(
      @TempDir Path otherDir) {
    TestDatabases.Target db = TestDatabases.freshPostgres();
    JdbcClient jdbc = JdbcClient.create(db.migrated());
    jdbc.sql("UPDATE channel SET api_key_hash = ? WHERE id = 'demo'")
        .param("0".repeat(64))
        .update();
    // the reviewer a demo run made, with the README's password
    new OperatorRepository(jdbc)
        .insert(
            "reviewer",
            PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("certhall-demo"),
            Role.REVIEWER);
    // issue 16, point 2: and the demo CA administrator
    new OperatorRepository(jdbc)
        .insert(
            "admin",
            PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .encode("certhall-demo-admin"),
            Role.CA_ADMIN);

    Throwable thrown = catchThrowable(() -> RunningApp.start(db, otherDir, production()).close());

    assertThat(refusal(thrown).problems())
        .hasSize(3)
        .anySatisfy(
            p -> assertThat(p).contains("'admin'", "demo password", "/console/admin/operators"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "demo channel", "UPDATE channel SET enabled = FALSE", "WHERE id = 'demo'"))
        .anySatisfy(
            p -> assertThat(p).contains("'reviewer'", "demo password", "/console/admin/operators"));
    assertThat(otherDir.resolve("keys")).as("refused before the CAs are made").doesNotExist();
  }

  // ---- points 4, 11, 14: what a production start leaves out --------------------------------

  @Test
  void production_has_no_sandbox_and_no_real_name_check_passes() throws Exception {
    assertThat(get("/sandbox").statusCode()).isEqualTo(404);
    assertThat(get("/sandbox/api/messages").statusCode()).isEqualTo(404);
    assertThat(
            app.bean(AdministratorVerification.class)
                .byMobile(
                    VerificationContext.administrator("CH20270615PRODUCTION00"),
                    new MobileThreeFactor("张三", "11010519491231002X", "13812345678"))
                .isVerified())
        .as("no real-name check passes while the provider does not answer")
        .isFalse();
  }

  @Test
  void production_serves_no_api_documents() throws Exception {
    for (String path :
        List.of(
            "/v3/api-docs",
            "/v3/api-docs/swagger-config",
            "/swagger-ui/index.html",
            "/swagger-ui.html")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void a_fresh_production_database_has_no_demo_channel_and_no_demo_reviewer() throws Exception {
    JdbcClient jdbc = app.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM channel WHERE id = 'demo'").query(Long.class).single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM channel_fee WHERE channel_id = 'demo'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(app.bean(OperatorRepository.class).find("reviewer")).isEmpty();
    assertThat(get("/?channelId=demo").body()).doesNotContain("演示云平台");
  }

  // ---- point 16 --------------------------------------------------------------------------

  @Test
  void every_directory_and_file_the_app_made_is_owner_only() throws IOException {
    OwnerOnlyTree.assertOwnerOnly(dataDir);
  }

  // ---- point 9 ---------------------------------------------------------------------------

  @Test
  void
      behind_the_trusted_proxy_the_session_cookie_is_secure_and_hsts_sent_and_forged_headers_are_ignored()
          throws Exception {
    String viaProxy = raw("127.0.0.1", "/console/login", "X-Forwarded-Proto: https");
    assertThat(header(viaProxy, "Set-Cookie"))
        .contains("SESSION=", "Secure", "HttpOnly", "SameSite=Lax");
    assertThat(header(viaProxy, "Strict-Transport-Security")).contains("max-age=");

    String plain = raw("127.0.0.1", "/console/login");
    assertThat(header(plain, "Set-Cookie")).contains("SameSite=Lax").doesNotContain("Secure");
    assertThat(header(plain, "Strict-Transport-Security")).isEmpty();

    String forged = raw(UNTRUSTED, "/console/login", "X-Forwarded-Proto: https");
    assertThat(header(forged, "Set-Cookie")).contains("SameSite=Lax").doesNotContain("Secure");
    assertThat(header(forged, "Strict-Transport-Security")).isEmpty();

    assertThat(body(raw("127.0.0.1", "/test/remote-address", "X-Forwarded-For: 203.0.113.7")))
        .as("the trusted proxy's X-Forwarded-For is the client")
        .isEqualTo("203.0.113.7 secure=false");
    assertThat(
            body(
                raw(
                    UNTRUSTED,
                    "/test/remote-address",
                    "X-Forwarded-For: 203.0.113.7",
                    "X-Forwarded-Proto: https")))
        .as("anyone else's is ignored")
        .isEqualTo(UNTRUSTED + " secure=false");
  }

  /** A GET over a socket bound to {@code from}, so the app sees that remote address. */
  static String raw(String from, String path, String... headers) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
      socket.setSoTimeout(10000);
      StringBuilder request =
          new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: certhall.example.cn\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String header(String response, String name) {
    String head = response.substring(0, response.indexOf("\r\n\r\n"));
    return head.lines()
        .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .collect(Collectors.joining("\n"));
  }

  /** The body of a chunked or plain answer (the echo's is one short chunk). */
  static String body(String response) {
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    if (header(response, "Transfer-Encoding").contains("chunked")) {
      String[] parts = body.split("\r\n");
      return parts[1];
    }
    return body;
  }

  // ---- point 13 --------------------------------------------------------------------------

  @Test
  void webhook_urls_to_this_host_or_internal_networks_are_refused_when_saved() throws Exception {
    channel("acme");
    Console admin = Console.caAdministrator("admin-webhooks");
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:" + app.port() + "/sandbox",
            "http://localhost/hook",
            "http://10.1.2.3/hook",
            "http://192.168.1.10/hook",
            "http://172.20.0.1/hook",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://[::ffff:a9fe:a9fe]/hook",
            "http://[fd12:3456::1]/hook",
            "http://[fe80::1]/hook",
            "http://0.0.0.0/hook")) {
      admin.post("/console/admin/channels/acme/webhook", Map.of("url", url));
      assertThat(admin.get("/console/admin/channels").body())
          .as(url)
          .contains("Webhook 地址未保存", "生产模式下不允许");
      assertThat(webhookUrl("acme")).as(url).isNull();
    }

    String ok = "http://" + ALLOWED_RECEIVER + ":" + allowed.getAddress().getPort() + "/hook";
    admin.post("/console/admin/channels/acme/webhook", Map.of("url", ok));
    assertThat(admin.get("/console/admin/channels").body()).contains("Webhook 地址已保存");
    assertThat(webhookUrl("acme")).as("an address in allowed-hosts").isEqualTo(ok);
  }

  @Test
  void a_delivery_connects_only_to_allowed_addresses_and_follows_no_redirect() throws Exception {
    // as if the URL had been saved while its name still resolved to a public address
    channel("inner");
    setWebhookDirectly(
        "inner", "http://" + INTERNAL_RECEIVER + ":" + internal.getAddress().getPort() + "/hook");
    channel("relay");
    setWebhookDirectly(
        "relay", "http://" + ALLOWED_RECEIVER + ":" + allowed.getAddress().getPort() + "/hook");
    ChannelDeliveryRepository deliveries = app.bean(ChannelDeliveryRepository.class);
    long direct =
        deliveries.insert(
            "evt-inner",
            "inner",
            "certificate.issued",
            "01",
            "CH1",
            "{}".getBytes(),
            Instant.now());
    long redirected =
        deliveries.insert(
            "evt-relay",
            "relay",
            "certificate.issued",
            "02",
            "CH2",
            "{}".getBytes(),
            Instant.now());

    Attempt refused = firstAttempt(deliveries, direct);
    Attempt notFollowed = firstAttempt(deliveries, redirected);

    assertThat(refused.error()).contains("refused", INTERNAL_RECEIVER, "not public");
    assertThat(refused.httpStatus()).isNull();
    assertThat(notFollowed.httpStatus()).isEqualTo(302);
    assertThat(notFollowed.error()).contains("redirects are not followed");
    assertThat(allowedHits.get()).isEqualTo(1);
    assertThat(internalHits.get()).as("nothing reached the internal receiver").isZero();
  }

  static Attempt firstAttempt(ChannelDeliveryRepository deliveries, long id)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Attempt> attempts = deliveries.attempts(id);
      if (!attempts.isEmpty()) {
        return attempts.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("delivery " + id + " was not attempted");
  }

  static void channel(String id) {
    app.bean(JdbcClient.class)
        .sql(
            "INSERT INTO channel (id, name, enabled, created_at) VALUES (?, ?, TRUE, CURRENT_TIMESTAMP)")
        .params(id, id + " 云平台")
        .update();
  }

  static void setWebhookDirectly(String channel, String url) {
    byte[] secret =
        app.bean(SecretBox.class)
            .encrypt(channel, "whsec_a shared secret".getBytes(StandardCharsets.UTF_8));
    assertThat(app.bean(ChannelRepository.class).setWebhook(channel, url, secret)).isTrue();
  }

  static String webhookUrl(String channel) {
    return app.bean(JdbcClient.class)
        .sql("SELECT webhook_url FROM channel WHERE id = ?")
        .param(channel)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.url(path))).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A CA administrator's console session: cookies, CSRF, no automatic redirects. */
  record Console(HttpClient http) {
    static Console caAdministrator(String username) throws Exception {
      String password = "a long admin password";
      app.bean(OperatorRepository.class)
          .insert(username, app.bean(PasswordEncoder.class).encode(password), Role.CA_ADMIN);
      return signIn(username, password);
    }

    static Console signIn(String username, String password) throws Exception {
      Console c =
          new Console(
              HttpClient.newBuilder()
                  .cookieHandler(new CookieManager())
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build());
      HttpResponse<String> signedIn =
          c.post("/console/login", Map.of("username", username, "password", password));
      assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
      return c;
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path))).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts the form with the CSRF token of the page at the same path (login) or the channels page.
     */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      String page = path.equals("/console/login") ? path : "/console/admin/channels";
      Matcher csrf = CSRF.matcher(get(page).body());
      assertThat(csrf.find()).isTrue();
      Map<String, String> body = new LinkedHashMap<>(form);
      body.put("_csrf", csrf.group(1));
      return http.send(
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      body.entrySet().stream()
                          .map(
                              e ->
                                  e.getKey()
                                      + "="
                                      + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                          .collect(Collectors.joining("&"))))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
