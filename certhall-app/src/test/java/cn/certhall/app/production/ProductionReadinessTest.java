package cn.certhall.app.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusals of production mode, one setting at a time and all together. */
class ProductionReadinessTest {
  static final String SECRET = "a configured secret of 32 bytes or more!";

  static ProductionReadiness.Settings ready() {
    return new ProductionReadiness.Settings(
        false,
        false,
        List.of(),
        null,
        "jdbc:postgresql://db:5432/certhall",
        "software",
        "a passphrase",
        null,
        SECRET,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  }

  static ProductionReadiness.Settings with(
      boolean demo, boolean sandbox, List<String> allowed, String mailHost, String url) {
    ProductionReadiness.Settings r = ready();
    return new ProductionReadiness.Settings(
        demo, sandbox, allowed, mailHost, url, r.keystoreType(), r.keystorePassphrase(),
        r.pkcs11Pin(), r.codeSecret(), r.channelSecretKey());
  }

  @Test
  void real_settings_pass() {
    assertThat(ProductionReadiness.problems(ready())).isEmpty();
  }

  @Test
  void the_defaults_of_the_demo_give_one_line_per_setting() {
    List<String> problems =
        ProductionReadiness.problems(
            new ProductionReadiness.Settings(
                true, true, List.of(), null, "jdbc:h2:file:./data/certhall", "software", "", null,
                "", ""));
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
            with(false, true, List.of("sms", " real-name"), "smtp.example.cn", "jdbc:postgresql:x"));
    assertThat(some)
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("'bank-transfer'"))
        .anySatisfy(p -> assertThat(p).contains("'payment'"))
        .anySatisfy(p -> assertThat(p).contains("'face-check'"))
        .noneSatisfy(p -> assertThat(p).contains("'sms'", "'email'"));
    assertThat(
            ProductionReadiness.problems(
                with(
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
        new ProductionReadiness.Settings(
            false, false, List.of(), null, r.datasourceUrl(), "PKCS11", null, "", SECRET,
            r.channelSecretKey());
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
}
