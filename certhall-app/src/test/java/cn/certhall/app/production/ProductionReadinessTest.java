package cn.certhall.app.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusals of production mode, one setting at a time and all together. */
class ProductionReadinessTest {
  static final String SECRET = "a configured secret of 32 bytes or more!";

  /** The settings with WeChat Pay and Alipay enabled for the cashier's default methods. */
  static ProductionReadiness.Settings settings(
      boolean demo,
      boolean sandbox,
      List<String> allowed,
      String mailHost,
      String url,
      String keystoreType,
      String passphrase,
      String pin,
      String codeSecret,
      String channelSecretKey,
      String sms,
      String realName,
      String faceCheck,
      String transfer) {
    return new ProductionReadiness.Settings(
        demo,
        sandbox,
        allowed,
        mailHost,
        url,
        keystoreType,
        passphrase,
        pin,
        codeSecret,
        channelSecretKey,
        sms,
        realName,
        faceCheck,
        transfer,
        true,
        true,
        null);
  }

  static ProductionReadiness.Settings payment(
      boolean wechat, boolean alipay, List<String> methods, List<String> allowed) {
    ProductionReadiness.Settings r = ready();
    return new ProductionReadiness.Settings(
        false,
        false,
        allowed,
        null,
        r.datasourceUrl(),
        "software",
        "a passphrase",
        null,
        SECRET,
        r.channelSecretKey(),
        "aliyun",
        "tencent",
        "tencent",
        "manual",
        wechat,
        alipay,
        methods);
  }

  static ProductionReadiness.Settings ready() {
    return settings(
        false,
        false,
        List.of(),
        null,
        "jdbc:postgresql://db:5432/certhall",
        "software",
        "a passphrase",
        null,
        SECRET,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "aliyun",
        "tencent",
        "tencent",
        "manual");
  }

  static ProductionReadiness.Settings with(
      boolean demo, boolean sandbox, List<String> allowed, String mailHost, String url) {
    ProductionReadiness.Settings r = ready();
    return settings(
        demo,
        sandbox,
        allowed,
        mailHost,
        url,
        r.keystoreType(),
        r.keystorePassphrase(),
        r.pkcs11Pin(),
        r.codeSecret(),
        r.channelSecretKey(),
        r.smsProvider(),
        r.realNameProvider(),
        r.faceCheckProvider(),
        r.transferProvider());
  }

  /** As {@link #with}, real-name checks and the face check left on the sandbox. */
  static ProductionReadiness.Settings withSandboxChecks(
      boolean demo, boolean sandbox, List<String> allowed, String mailHost, String url) {
    ProductionReadiness.Settings r = with(demo, sandbox, allowed, mailHost, url);
    return settings(
        demo,
        sandbox,
        allowed,
        mailHost,
        url,
        r.keystoreType(),
        r.keystorePassphrase(),
        r.pkcs11Pin(),
        r.codeSecret(),
        r.channelSecretKey(),
        r.smsProvider(),
        null,
        null,
        null);
  }

  @Test
  void real_settings_pass() {
    assertThat(ProductionReadiness.problems(ready())).isEmpty();
  }

  @Test
  void the_defaults_of_the_demo_give_one_line_per_setting() {
    List<String> problems =
        ProductionReadiness.problems(
            settings(
                true,
                true,
                List.of(),
                null,
                "jdbc:h2:file:./data/certhall",
                "software",
                "",
                null,
                "",
                "",
                null,
                null,
                null,
                null));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_DEMO_ENABLED=false"))
        .anySatisfy(p -> assertThat(p).contains("H2", "SPRING_DATASOURCE_URL"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_KEYSTORE_PASSPHRASE"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_VERIFICATION_CODE_SECRET"))
        .anySatisfy(p -> assertThat(p).contains("CERTHALL_CHANNEL_SECRET_KEY"));
    // one line per sandboxed port: six, as email also goes to the sandbox without a mail host
    assertThat(problems.stream().filter(p -> p.contains("CERTHALL_SANDBOX_ENABLED=false")))
        .hasSize(6);
    assertThat(problems).hasSize(11).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
  }

  @Test
  void the_sandbox_is_accepted_only_for_the_ports_listed() {
    List<String> some =
        ProductionReadiness.problems(
            withSandboxChecks(
                false, true, List.of("sms", " real-name"), "smtp.example.cn", "jdbc:postgresql:x"));
    assertThat(some)
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("'bank-transfer'"))
        .anySatisfy(p -> assertThat(p).contains("'payment'"))
        .anySatisfy(p -> assertThat(p).contains("'face-check'"))
        .noneSatisfy(p -> assertThat(p).contains("'sms'", "'email'"));
    assertThat(
            ProductionReadiness.problems(
                withSandboxChecks(
                    false,
                    true,
                    List.of("sms", "real-name", "bank-transfer", "payment", "face-check", "email"),
                    null,
                    "jdbc:postgresql:x")))
        .as("a trial that allows every port")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                with(false, false, List.of("sms", "fax"), null, "jdbc:postgresql:x")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("'fax'", "no sandbox port", "face-check"));
  }

  @Test
  void sms_left_on_the_sandbox_is_refused_unless_allowed_for_that_port() {
    ProductionReadiness.Settings r = ready();
    List<String> sandboxOff =
        ProductionReadiness.problems(
            settings(
                false,
                false,
                List.of(),
                null,
                r.datasourceUrl(),
                "software",
                "a passphrase",
                null,
                SECRET,
                r.channelSecretKey(),
                "sandbox",
                r.realNameProvider(),
                r.faceCheckProvider(),
                "manual"));
    assertThat(sandboxOff)
        .as("the sandbox off and no provider: no code would reach anyone")
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains(
                        "certhall.sms.provider is sandbox",
                        "CERTHALL_SMS_PROVIDER",
                        "'sms'",
                        "certhall.sandbox.allowed-in-production"));
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    List.of("sms"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    null,
                    r.realNameProvider(),
                    r.faceCheckProvider(),
                    "manual")))
        .as("allowed explicitly for the sms port")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    true,
                    List.of("real-name", "bank-transfer", "payment", "face-check", "email"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "sandbox",
                    r.realNameProvider(),
                    r.faceCheckProvider(),
                    "manual")))
        .as("the sandbox on, every port allowed but sms")
        .singleElement()
        .satisfies(p -> assertThat(p).contains("SMS gateway", "'sms'"));
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    true,
                    List.of("real-name", "bank-transfer", "payment", "face-check", "email"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "TENCENT",
                    r.realNameProvider(),
                    r.faceCheckProvider(),
                    "manual")))
        .as("a real provider: the sandbox serves no SMS")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    List.of(),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "huawei",
                    r.realNameProvider(),
                    r.faceCheckProvider(),
                    "manual")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("'huawei'", "aliyun or tencent"));
  }

  @Test
  void real_name_and_face_checks_left_on_the_sandbox_are_refused_unless_allowed_for_their_port() {
    ProductionReadiness.Settings r = ready();
    List<String> sandboxOff =
        ProductionReadiness.problems(
            settings(
                false,
                false,
                List.of(),
                null,
                r.datasourceUrl(),
                "software",
                "a passphrase",
                null,
                SECRET,
                r.channelSecretKey(),
                "aliyun",
                null,
                "SANDBOX",
                "manual"));
    assertThat(sandboxOff)
        .as("the sandbox off and no provider: no check would pass")
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "certhall.realname.provider is sandbox",
                        "CERTHALL_REALNAME_PROVIDER",
                        "'real-name'",
                        "certhall.sandbox.allowed-in-production"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "certhall.face-check.provider is sandbox",
                        "CERTHALL_FACE_CHECK_PROVIDER",
                        "'face-check'"));
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    List.of("real-name", "face-check"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "sandbox",
                    null,
                    "manual")))
        .as("allowed explicitly, port by port")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    List.of("real-name"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "sandbox",
                    "sandbox",
                    "manual")))
        .as("allowing one port allows only that one")
        .singleElement()
        .satisfies(p -> assertThat(p).contains("certhall.face-check.provider"));
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    true,
                    List.of("sms", "bank-transfer", "payment", "email"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "Tencent",
                    "tencent",
                    "manual")))
        .as("real providers: the sandbox serves neither check")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    List.of(),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "aliyun",
                    "tencent",
                    "manual")))
        .singleElement()
        .satisfies(
            p -> assertThat(p).contains("certhall.realname.provider is 'aliyun'", "use tencent"));
  }

  @Test
  void a_missing_datasource_url_is_the_embedded_default_and_refused() {
    assertThat(ProductionReadiness.problems(with(false, false, List.of(), null, " ")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("spring.datasource.url is not set"));
    assertThat(ProductionReadiness.problems(with(false, false, List.of(), null, "JDBC:H2:mem:x")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("PostgreSQL"));
  }

  @Test
  void a_pkcs11_key_store_needs_its_pin_not_a_passphrase() {
    ProductionReadiness.Settings r = ready();
    ProductionReadiness.Settings pkcs11 =
        settings(
            false,
            false,
            List.of(),
            null,
            r.datasourceUrl(),
            "PKCS11",
            null,
            "",
            SECRET,
            r.channelSecretKey(),
            r.smsProvider(),
            r.realNameProvider(),
            r.faceCheckProvider(),
            "manual");
    assertThat(ProductionReadiness.problems(pkcs11))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("CERTHALL_KEYSTORE_PKCS11_PIN"));
  }

  @Test
  void health_and_metrics_need_a_management_port_apart_from_the_public_one() {
    assertThat(ProductionReadiness.managementProblems("8080", "8081")).isEmpty();
    assertThat(ProductionReadiness.managementProblems(null, "9090")).isEmpty();
    assertThat(ProductionReadiness.managementProblems("8080", "8080"))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("MANAGEMENT_SERVER_PORT", "public port 8080"));
    assertThat(ProductionReadiness.managementProblems("8080", null))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("MANAGEMENT_SERVER_PORT", "not set"));
    assertThat(ProductionReadiness.managementProblems(null, "8080")).hasSize(1);
  }

  @Test
  void the_corporate_transfer_left_on_the_sandbox_is_refused_unless_manual_or_allowed() {
    ProductionReadiness.Settings r = ready();
    java.util.function.BiFunction<String, List<String>, List<String>> problems =
        (transfer, allowed) ->
            ProductionReadiness.problems(
                settings(
                    false,
                    false,
                    allowed,
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "tencent",
                    "tencent",
                    transfer));
    assertThat(problems.apply(null, List.of()))
        .as("the sandbox off and no bank: no transfer would be paid")
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains(
                        "certhall.verification.transfer.provider is sandbox",
                        "CERTHALL_VERIFICATION_TRANSFER_PROVIDER=manual",
                        "'bank-transfer'"));
    assertThat(problems.apply(" Manual ", List.of())).as("finance makes them").isEmpty();
    assertThat(problems.apply("sandbox", List.of("bank-transfer")))
        .as("allowed explicitly")
        .isEmpty();
    assertThat(problems.apply("icbc", List.of()))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("'icbc'", "manual"));
    assertThat(
            ProductionReadiness.problems(
                settings(
                    false,
                    true,
                    List.of("payment", "email"),
                    null,
                    r.datasourceUrl(),
                    "software",
                    "a passphrase",
                    null,
                    SECRET,
                    r.channelSecretKey(),
                    "aliyun",
                    "tencent",
                    "tencent",
                    "manual")))
        .as("manual with the sandbox on: the sandbox's bank serves nothing")
        .isEmpty();
  }

  @Test
  void payment_without_a_real_provider_is_refused_unless_allowed() {
    assertThat(ProductionReadiness.problems(payment(false, false, null, List.of())))
        .as("the sandbox off and neither WeChat Pay nor Alipay: no order could be paid")
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains(
                        "WECHAT, ALIPAY, BANK_TRANSFER",
                        "no order can be paid",
                        "certhall.payment.wechat.enabled",
                        "CERTHALL_PAYMENT_WECHAT_ENABLED=true",
                        "certhall.payment.alipay.enabled",
                        "CERTHALL_PAYMENT_ALIPAY_ENABLED=true",
                        "'payment'",
                        "certhall.sandbox.allowed-in-production"));
    assertThat(ProductionReadiness.problems(payment(true, false, null, List.of())))
        .as("WeChat Pay alone")
        .isEmpty();
    assertThat(ProductionReadiness.problems(payment(false, true, null, List.of())))
        .as("Alipay alone")
        .isEmpty();
    assertThat(ProductionReadiness.problems(payment(false, false, null, List.of("payment"))))
        .as("allowed explicitly: only free orders")
        .isEmpty();
    assertThat(
            ProductionReadiness.problems(
                payment(true, false, List.of("alipay", " bank_transfer"), List.of())))
        .as("WeChat Pay enabled but not offered by the cashier")
        .singleElement()
        .satisfies(p -> assertThat(p).contains("ALIPAY, BANK_TRANSFER", "no order can be paid"));
  }

  @Test
  void with_the_sandbox_on_payment_is_sandboxed_while_a_method_has_no_real_provider() {
    ProductionReadiness.Settings both = payment(true, true, null, List.of());
    ProductionReadiness.Settings sandboxOn =
        new ProductionReadiness.Settings(
            false,
            true,
            List.of(),
            "smtp.example.cn",
            both.datasourceUrl(),
            "software",
            "a passphrase",
            null,
            SECRET,
            both.channelSecretKey(),
            "aliyun",
            "tencent",
            "tencent",
            "manual",
            true,
            true,
            null);
    assertThat(ProductionReadiness.sandboxed(sandboxOn))
        .as("BANK_TRANSFER is the sandbox's")
        .contains(SandboxPort.PAYMENT);
    ProductionReadiness.Settings realOnly =
        new ProductionReadiness.Settings(
            false,
            true,
            List.of(),
            "smtp.example.cn",
            both.datasourceUrl(),
            "software",
            "a passphrase",
            null,
            SECRET,
            both.channelSecretKey(),
            "aliyun",
            "tencent",
            "tencent",
            "manual",
            true,
            true,
            List.of("WECHAT", "ALIPAY"));
    assertThat(ProductionReadiness.sandboxed(realOnly)).isEmpty();
  }
}
