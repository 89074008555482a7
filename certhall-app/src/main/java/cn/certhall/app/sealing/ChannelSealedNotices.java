package cn.certhall.app.sealing;

import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.domain.sealing.CloudSealingFlow;
import cn.certhall.domain.sealing.SealHolders;
import cn.certhall.domain.sealing.SealedNotices;
import cn.certhall.domain.sealing.SigningRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * {@link SealedNotices} as the channel's {@code document.sealed} webhook, queued in the delivery
 * outbox.
 */
public final class ChannelSealedNotices implements SealedNotices {
  private final ChannelRepository channels;
  private final ChannelDeliveryRepository deliveries;

  public ChannelSealedNotices(ChannelRepository channels, ChannelDeliveryRepository deliveries) {
    this.channels = channels;
    this.deliveries = deliveries;
  }

  @Override
  public void sealed(SigningRequest request, SealHolders.Holding org, byte[] signed, Instant now) {
    if (channels.webhook(request.channelId()).isEmpty()) {
      return;
    }
    String eventId = UUID.randomUUID().toString();
    SealedMessage message =
        new SealedMessage(
            eventId,
            SealedMessage.EVENT,
            now.toString(),
            request.channelId(),
            request.id(),
            new SealedMessage.Organization(request.organizationName(), request.creditCode()),
            org.serial().toString(16),
            new SealedMessage.Document(
                CloudSealingFlow.sealedFileName(request.fileName()),
                "application/pdf",
                sha256Hex(signed),
                Base64.getEncoder().encodeToString(signed)));
    deliveries.insert(
        eventId,
        request.channelId(),
        SealedMessage.EVENT,
        org.serial().toString(16),
        org.orderId(),
        message.toJson(),
        now);
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
