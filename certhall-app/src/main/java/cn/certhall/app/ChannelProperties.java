package cn.certhall.app;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of channel sync (托管证书同步).
 *
 * @param secretKey the AES-256 key (base64 of 32 bytes) that encrypts the channels' webhook secrets
 *     in the database, from CERTHALL_CHANNEL_SECRET_KEY; in demo mode, when empty, one is generated
 *     into the data directory. Losing it loses the webhook secrets (each channel needs a new one).
 * @param webhook how webhooks are sent
 */
@ConfigurationProperties("certhall.channel")
public record ChannelProperties(String secretKey, Webhook webhook) {

  /**
   * @param pollInterval how often the dispatcher looks for due deliveries
   * @param initialBackoff the wait after the first failed attempt; each further failure doubles it
   * @param maxBackoff the longest wait between two attempts
   * @param giveUpAfter failures in a row after which a delivery is given up (a dead letter in the
   *     console's delivery log, where a CA administrator can replay it)
   * @param timeout connect and answer time allowed to the channel per attempt
   * @param batchSize the most deliveries one poll sends
   * @param allowedHosts host names and CIDR ranges (or addresses) webhooks may reach although they
   *     are not public (loopback, private, link-local…); only production mode checks, see {@link
   *     cn.certhall.app.channel.WebhookAddressPolicy}. Empty: public addresses only
   */
  public record Webhook(
      Duration pollInterval,
      Duration initialBackoff,
      Duration maxBackoff,
      int giveUpAfter,
      Duration timeout,
      int batchSize,
      List<String> allowedHosts) {}

  @Override
  public String toString() {
    return "ChannelProperties[webhook=" + webhook + "]";
  }
}
