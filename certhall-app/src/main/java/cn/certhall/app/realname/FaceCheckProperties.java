package cn.certhall.app.realname;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code certhall.face-check.*}: who answers the seal app's face check (人脸识别) and its settings
 * (docs/providers.md). Secrets and the test person are never in {@link #toString}.
 *
 * @param minSimilarity the provider's similarity (0–100) from which a face is the person's; Tencent
 *     Cloud suggests 70 (one false match in a thousand) or 80 (in ten thousand)
 * @param test the person {@code --certhall.provider-check=face} checks, with a photo of them
 */
@ConfigurationProperties("certhall.face-check")
public record FaceCheckProperties(
    @DefaultValue("sandbox") ProviderChoice provider,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout,
    @DefaultValue("80") double minSimilarity,
    @DefaultValue TestPerson test,
    @DefaultValue TencentCloudSettings tencent) {

  public record TestPerson(String name, String idNumber, Path photo) {
    @Override
    public String toString() {
      return "TestPerson[…]";
    }
  }
}
