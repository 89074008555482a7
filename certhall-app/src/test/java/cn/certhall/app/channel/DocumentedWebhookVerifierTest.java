package cn.certhall.app.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's sample code exactly as docs/channels.md prints it: the Java block is cut out of
 * the document, compiled and run against webhooks signed by certhall's own {@link WebhookSigner}.
 * If the documentation's code drifts from what certhall sends, this fails.
 */
class DocumentedWebhookVerifierTest {
  static final Path DOC = Path.of("..", "docs", "channels.md");
  static final Pattern JAVA_BLOCK =
      Pattern.compile("```java\\n(.*?public final class WebhookVerifier.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theDocumentedVerifierAcceptsAFreshDeliveryAndRefusesAReplayWithAnOldTimestamp()
      throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher block = JAVA_BLOCK.matcher(doc);
    assertThat(block.find()).as("docs/channels.md has the Java WebhookVerifier").isTrue();
    Path source = dir.resolve("WebhookVerifier.java");
    Files.writeString(source, block.group(1), StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString()))
        .as("the documented code compiles")
        .isZero();

    byte[] secret = "whsec_documented-sample-secret".getBytes(StandardCharsets.UTF_8);
    byte[] body =
        "{\"event\":\"certificate.issued\",\"orderId\":\"CH1\"}".getBytes(StandardCharsets.UTF_8);
    Instant sent = Instant.parse("2026-11-27T08:00:00Z");
    String timestamp = Long.toString(sent.getEpochSecond());
    String signature = WebhookSigner.sign(secret, sent.getEpochSecond(), body);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      Class<?> type = loader.loadClass("WebhookVerifier");
      Constructor<?> make = type.getConstructor(byte[].class, Duration.class, Clock.class);
      Method verify = type.getMethod("verify", String.class, String.class, byte[].class);
      Object onTime =
          make.newInstance(
              secret, Duration.ofMinutes(5), Clock.fixed(sent.plusSeconds(2), ZoneOffset.UTC));
      Object sixMinutesLater =
          make.newInstance(
              secret, Duration.ofMinutes(5), Clock.fixed(sent.plusSeconds(360), ZoneOffset.UTC));

      assertThat(verify.invoke(onTime, timestamp, signature, body)).isEqualTo(true);
      // the same request recorded and sent again six minutes later
      assertThat(verify.invoke(sixMinutesLater, timestamp, signature, body)).isEqualTo(false);
      // a changed body, or another channel's secret
      assertThat(verify.invoke(onTime, timestamp, signature, "{}".getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(false);
      Object otherSecret =
          make.newInstance(
              "whsec_another-channel".getBytes(StandardCharsets.UTF_8),
              Duration.ofMinutes(5),
              Clock.fixed(sent, ZoneOffset.UTC));
      assertThat(verify.invoke(otherSecret, timestamp, signature, body)).isEqualTo(false);
    }
  }
}
