package cn.certhall.domain.channel;

/**
 * Port: where syncs wait to reach their channel (a transactional outbox). {@link #record} must
 * store in the caller's transaction, so a sync exists exactly when the issuance or revocation it
 * tells of was stored: nothing is sent for a rolled-back issuance, and nothing is lost when the
 * process stops before sending. Delivery happens later and elsewhere.
 */
public interface ChannelOutbox {

  /**
   * Stores the sync: the certificate as the channel's pull API shows it from now on, and a webhook
   * delivery to send when the channel has a webhook.
   *
   * @throws UnknownChannelException if the channel does not exist
   */
  void record(CertificateSync sync);
}
