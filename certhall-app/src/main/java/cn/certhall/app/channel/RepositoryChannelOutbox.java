package cn.certhall.app.channel;

import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.domain.channel.CertificateSync;
import cn.certhall.domain.channel.ChannelOutbox;
import cn.certhall.domain.channel.SyncEvent;
import cn.certhall.domain.channel.UnknownChannelException;

/**
 * The outbox in the database, through the channel repositories (it lives here, not in persistence,
 * because the body it stores is this package's {@link SyncMessage}): runs on the caller's
 * connection, so its rows commit or roll back with the issuance or revocation they tell of. The
 * body is serialized once, here; each attempt sends these bytes.
 */
public final class RepositoryChannelOutbox implements ChannelOutbox {
  private final ChannelRepository channels;
  private final ChannelDeliveryRepository deliveries;

  public RepositoryChannelOutbox(ChannelRepository channels, ChannelDeliveryRepository deliveries) {
    this.channels = channels;
    this.deliveries = deliveries;
  }

  @Override
  public void record(CertificateSync sync) {
    if (!channels.exists(sync.channelId())) {
      throw new UnknownChannelException(sync.channelId());
    }
    byte[] body = SyncMessage.of(sync).toJson();
    channels.putCertificate(
        sync.channelId(),
        sync.serial(),
        sync.creditCode(),
        sync.orderId(),
        sync.event().wireName(),
        sync.event() == SyncEvent.CERTIFICATE_REVOKED,
        sync.notAfter(),
        body,
        sync.occurredAt());
    if (channels.webhook(sync.channelId()).isPresent()) {
      deliveries.insert(
          sync.eventId(),
          sync.channelId(),
          sync.event().wireName(),
          sync.serial(),
          sync.orderId(),
          body,
          sync.occurredAt());
    }
  }
}
