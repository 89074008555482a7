package cn.certhall.app.production;

import cn.certhall.app.CerthallProperties.Mode;
import cn.certhall.app.sandbox.SandboxProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Production mode's first say, once the configuration is read and before anything is made (no data
 * directory, database or key store is opened yet): with {@code certhall.mode=production} it refuses
 * to start on the settings {@link ProductionReadiness} names, and switches the OpenAPI document and
 * Swagger UI off (the channel API is described in docs/channels.md). Registered in {@code
 * META-INF/spring.factories}, as Boot finds environment post-processors only there.
 */
public final class ProductionModeEnvironment implements EnvironmentPostProcessor, Ordered {
  static final String PROPERTY_SOURCE = "certhall-production-mode";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder binder = Binder.get(environment);
    Mode mode = binder.bind("certhall.mode", Mode.class).orElse(Mode.DEMO);
    if (mode != Mode.PRODUCTION) {
      return;
    }
    List<String> problems = new ArrayList<>(ProductionReadiness.problems(settings(binder)));
    problems.addAll(
        ProductionReadiness.managementProblems(
            string(binder, "server.port"), string(binder, "management.server.port")));
    if (!problems.isEmpty()) {
      throw new ProductionModeRefused(problems);
    }
    // first: no other source may switch the API documents back on in production
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                PROPERTY_SOURCE,
                Map.of(
                    "springdoc.api-docs.enabled", "false",
                    "springdoc.swagger-ui.enabled", "false")));
  }

  static ProductionReadiness.Settings settings(Binder binder) {
    SandboxProperties sandbox =
        binder
            .bind("certhall.sandbox", SandboxProperties.class)
            .orElse(new SandboxProperties(false, null, List.of()));
    return new ProductionReadiness.Settings(
        binder.bind("certhall.demo.enabled", Boolean.class).orElse(false),
        sandbox.enabled(),
        sandbox.allowedInProduction(),
        string(binder, "spring.mail.host"),
        string(binder, "spring.datasource.url"),
        string(binder, "certhall.keystore.type"),
        string(binder, "certhall.keystore.passphrase"),
        string(binder, "certhall.keystore.pkcs11.pin"),
        string(binder, "certhall.verification.code-secret"),
        string(binder, "certhall.channel.secret-key"),
        string(binder, "certhall.sms.provider"),
        string(binder, "certhall.realname.provider"),
        string(binder, "certhall.face-check.provider"),
        string(binder, "certhall.verification.transfer.provider"),
        binder.bind("certhall.payment.wechat.enabled", Boolean.class).orElse(false),
        binder.bind("certhall.payment.alipay.enabled", Boolean.class).orElse(false),
        binder.bind("certhall.payment.methods", Bindable.listOf(String.class)).orElse(null));
  }

  private static String string(Binder binder, String name) {
    return binder.bind(name, String.class).orElse(null);
  }

  /** After Boot has read application.yml, the environment and the command line. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
