package cn.certhall.app.realname;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code certhall.realname.*}: who answers the real-name checks (手机三要素, 银行卡四要素) and its settings
 * (docs/providers.md). Secrets and the test person are never in {@link #toString}.
 *
 * @param connectTimeout how long to wait for the provider's connection
 * @param readTimeout how long to wait for its answer; the person at the form waits this at most
 * @param test the person {@code --certhall.provider-check=realname} checks
 */
@ConfigurationProperties("certhall.realname")
public record RealNameProperties(
    @DefaultValue("sandbox") ProviderChoice provider,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue TestPerson test,
    @DefaultValue TencentCloudSettings tencent) {

  /** A real person's factors for the provider check: the operator's own, with their consent. */
  public record TestPerson(String name, String idNumber, String mobile) {
    @Override
    public String toString() {
      return "TestPerson[…]";
    }
  }
}
