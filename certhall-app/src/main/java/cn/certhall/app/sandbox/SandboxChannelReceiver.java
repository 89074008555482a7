package cn.certhall.app.sandbox;

import cn.certhall.app.channel.SecretBox;
import cn.certhall.app.channel.SyncMessage;
import cn.certhall.app.channel.WebhookSigner;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.sealing.SealedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox channel platform: the default run's {@code demo} channel sends its webhooks here. It
 * checks each as docs/channels.md tells channels to (signature over timestamp and body, at most 5
 * minutes old), answers 204 or 401, and records what came in the sandbox outbox ({@code GET
 * /sandbox}), so a person can watch channel sync work without a channel platform.
 */
@RestController
@ConditionalOnProperty(prefix = "certhall.sandbox", name = "enabled", havingValue = "true")
public class SandboxChannelReceiver {
  public static final String PATH = "/sandbox/api/channel-webhook/";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final ChannelRepository channels;
  private final SecretBox secrets;
  private final SandboxMessageRepository outbox;
  private final Clock clock;

  public SandboxChannelReceiver(
      ChannelRepository channels, SecretBox secrets, SandboxMessageRepository outbox, Clock clock) {
    this.channels = channels;
    this.secrets = secrets;
    this.outbox = outbox;
    this.clock = clock;
  }

  @PostMapping(PATH + "{channelId}")
  public ResponseEntity<Void> receive(
      @PathVariable String channelId,
      @RequestHeader(name = WebhookSigner.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSigner.SIGNATURE_HEADER, required = false) String signature,
      @RequestHeader(name = WebhookSigner.EVENT_HEADER, required = false) String event,
      @RequestBody(required = false) byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    Optional<ChannelRepository.Webhook> webhook = channels.webhook(channelId);
    boolean valid =
        webhook.isPresent()
            && WebhookSigner.isValid(
                secrets.decrypt(channelId, webhook.get().encryptedSecret()),
                timestamp,
                signature,
                bytes,
                clock.instant(),
                TOLERANCE);
    if (!valid) {
      outbox.insert(
          SandboxMessageRepository.Kind.WEBHOOK,
          channelId,
          null,
          "签名无效或已过期，已拒绝（401）",
          "时间戳 " + timestamp,
          clock.instant());
      return ResponseEntity.status(401).build();
    }
    if (SealedMessage.EVENT.equals(event)) {
      SealedMessage sealed = SealedMessage.fromJson(bytes);
      outbox.insert(
          SandboxMessageRepository.Kind.WEBHOOK,
          channelId,
          sealed.organization().name(),
          sealed.event() + " · 签名有效，已接收（204）",
          "事件 "
              + sealed.eventId()
              + "，用章请求 "
              + sealed.requestId()
              + "，已盖章文件 "
              + sealed.document().fileName()
              + "（SHA-256 "
              + sealed.document().sha256()
              + "）",
          clock.instant());
      return ResponseEntity.noContent().build();
    }
    SyncMessage message = SyncMessage.fromJson(bytes);
    outbox.insert(
        SandboxMessageRepository.Kind.WEBHOOK,
        channelId,
        message.organization().name(),
        message.event() + " · 签名有效，已接收（204）",
        "事件 "
            + message.eventId()
            + "，订单 "
            + message.orderId()
            + "，证书序列号 "
            + message.certificate().serial()
            + "，印章图片 "
            + (message.seal() == null ? "无" : "有"),
        clock.instant());
    return ResponseEntity.noContent().build();
  }
}
