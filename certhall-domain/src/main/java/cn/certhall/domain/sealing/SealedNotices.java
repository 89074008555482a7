package cn.certhall.domain.sealing;

import java.time.Instant;

/**
 * Port: tells the channel that its request was sealed (the {@code document.sealed} webhook, through
 * the outbox), in the caller's transaction; nothing when the channel has no webhook.
 */
public interface SealedNotices {

  void sealed(SigningRequest request, SealHolders.Holding holding, byte[] signed, Instant now);
}
