package cn.certhall.app;

import cn.certhall.app.channel.ChannelAdministration;
import cn.certhall.app.channel.ChannelApiKeyFilter;
import cn.certhall.app.channel.DeliveryLog;
import cn.certhall.app.channel.RepositoryChannelOutbox;
import cn.certhall.app.channel.SecretBox;
import cn.certhall.app.channel.WebhookAddressPolicy;
import cn.certhall.app.channel.WebhookDispatcher;
import cn.certhall.app.outbox.OutboxPoller;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.sandbox.SandboxChannelReceiver;
import cn.certhall.app.sandbox.SandboxProperties;
import cn.certhall.domain.channel.ChannelOutbox;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.outbox.Backoff;
import cn.certhall.pki.OwnerOnlyFiles;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Channel sync (托管证书同步): the domain's {@link ChannelSync} on the JDBC outbox, the webhook
 * dispatcher, the administrator's delivery log and channel settings, and the pull API's key check
 * and OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
public class ChannelConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ChannelConfiguration.class);
  static final String DEMO_SECRET_KEY_FILE = "channel-secret-key";
  static final String DEMO_API_KEY_FILE = "channel-demo-api-key";
  static final String DEMO_CHANNEL = "demo";

  @Bean
  ChannelRepository channelRepository(JdbcClient jdbc) {
    return new ChannelRepository(jdbc);
  }

  @Bean
  ChannelDeliveryRepository channelDeliveryRepository(
      JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new ChannelDeliveryRepository(jdbc, new TransactionTemplate(transactions));
  }

  @Bean
  ChannelOutbox channelOutbox(ChannelRepository channels, ChannelDeliveryRepository deliveries) {
    return new RepositoryChannelOutbox(channels, deliveries);
  }

  /** What issuance, renewal, change and revocation call, inside their transaction. */
  @Bean
  ChannelSync channelSync(ChannelOutbox outbox, Clock clock) {
    return new ChannelSync(outbox, clock);
  }

  @Bean
  SecretBox channelSecretBox(ChannelProperties channel, CerthallProperties properties) {
    return new SecretBox(secretKey(channel, properties), new SecureRandom());
  }

  /** Production mode checks where webhooks go; the demo's sandbox receiver is on this host. */
  @Bean
  WebhookAddressPolicy webhookAddressPolicy(
      CerthallProperties properties, ChannelProperties channel) {
    return new WebhookAddressPolicy(properties.production(), channel.webhook().allowedHosts());
  }

  @Bean
  ChannelAdministration channelAdministration(
      ChannelRepository channels, SecretBox secrets, WebhookAddressPolicy addresses) {
    return new ChannelAdministration(channels, secrets, new SecureRandom(), addresses);
  }

  @Bean
  DeliveryLog deliveryLog(ChannelDeliveryRepository deliveries, Clock clock) {
    return new DeliveryLog(deliveries, clock);
  }

  @Bean(destroyMethod = "close")
  WebhookDispatcher webhookDispatcher(
      ChannelRepository channels,
      ChannelDeliveryRepository deliveries,
      SecretBox secrets,
      Clock clock,
      ChannelProperties properties,
      WebhookAddressPolicy addresses) {
    ChannelProperties.Webhook w = properties.webhook();
    return new WebhookDispatcher(
        channels,
        deliveries,
        secrets,
        clock,
        new Backoff(w.initialBackoff(), w.maxBackoff()),
        w.giveUpAfter(),
        w.timeout(),
        w.batchSize(),
        addresses);
  }

  /** Sends the webhooks due, every {@code poll-interval}, on every node. */
  @Bean(destroyMethod = "close")
  OutboxPoller webhookPoller(WebhookDispatcher dispatcher, ChannelProperties properties) {
    return new OutboxPoller("webhook-outbox", dispatcher::dispatchDue)
        .start(properties.webhook().pollInterval());
  }

  @Bean
  ChannelApiKeyFilter channelApiKeyFilter(ChannelAdministration channels) {
    return new ChannelApiKeyFilter(channels);
  }

  /**
   * The key filter runs in the API's security filter chain ({@link ChannelApiSecurity}) only;
   * without this, Boot would also register it for every request of the servlet container.
   */
  @Bean
  FilterRegistrationBean<ChannelApiKeyFilter> channelApiKeyFilterRegistration(
      ChannelApiKeyFilter filter) {
    FilterRegistrationBean<ChannelApiKeyFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  OpenAPI channelOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("certhall 渠道接口 (channel API)")
                .version("v1")
                .description(
                    "托管证书同步：渠道平台用 API 密钥拉取本渠道单位的证书、证书链和电子印章。"
                        + " Webhooks carry the same JSON; see docs/channels.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "channelApiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(ChannelApiKeyFilter.HEADER)));
  }

  /**
   * Demo mode: the {@code demo} channel gets an API key, written to the data directory (readable by
   * the owner only) so a person can try the pull API; the log names the file, never the key. With
   * the sandbox on, its webhooks go to the sandbox channel platform ({@link
   * SandboxChannelReceiver}), so they are seen at {@code /sandbox}.
   */
  @Bean
  ApplicationRunner demoChannel(
      CerthallProperties properties,
      SandboxProperties sandbox,
      ChannelRepository channels,
      ChannelAdministration admin) {
    return args -> {
      if (properties.demo() == null
          || !properties.demo().enabled()
          || !channels.exists(DEMO_CHANNEL)) {
        return;
      }
      Path file = properties.dataDir().resolve(DEMO_API_KEY_FILE);
      if (!channels.hasApiKey(DEMO_CHANNEL) || !Files.exists(file)) {
        writeOwnerOnly(file, admin.newApiKey(DEMO_CHANNEL));
        log.info("demo mode: the API key of channel '{}' is in {}", DEMO_CHANNEL, file);
      }
      String url =
          properties.publicUrl().toString().replaceAll("/+$", "")
              + SandboxChannelReceiver.PATH
              + DEMO_CHANNEL;
      // set once, and again when the public URL changed; a URL the administrator set stays
      boolean sandboxOrNone =
          channels
              .webhook(DEMO_CHANNEL)
              .map(w -> w.url().contains(SandboxChannelReceiver.PATH) && !w.url().equals(url))
              .orElse(true);
      if (sandbox.enabled() && sandboxOrNone) {
        admin.configureWebhook(DEMO_CHANNEL, url);
        log.info(
            "demo mode: channel '{}' sends its webhooks to the sandbox, {}", DEMO_CHANNEL, url);
      }
    };
  }

  /**
   * The configured key; in the demo set-up without one, a random key generated once into the data
   * directory, as for the other demo secrets.
   */
  static byte[] secretKey(ChannelProperties channel, CerthallProperties properties) {
    String configured = channel == null ? null : channel.secretKey();
    if (configured != null && !configured.isBlank()) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(configured.strip());
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length != 32) {
        throw new IllegalStateException(
            "certhall.channel.secret-key (CERTHALL_CHANNEL_SECRET_KEY) must be 32 bytes, base64");
      }
      return key;
    }
    if (properties.demo() == null || !properties.demo().enabled()) {
      throw new IllegalStateException(
          "no channel secret key: set CERTHALL_CHANNEL_SECRET_KEY"
              + " (certhall.channel.secret-key), 32 random bytes in base64");
    }
    Path file = properties.dataDir().resolve(DEMO_SECRET_KEY_FILE);
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder()
            .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      writeOwnerOnly(file, Base64.getEncoder().encodeToString(random));
      log.info("demo mode: generated the channel secret key into {}", file);
      return random;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) {
    try {
      // a new API key replaces the file of the old one
      Files.deleteIfExists(file);
      OwnerOnlyFiles.writeNew(file, content.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
