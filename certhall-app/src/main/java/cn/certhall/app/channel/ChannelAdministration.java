package cn.certhall.app.channel;

import cn.certhall.app.persistence.ChannelRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What the CA administrator sets for a channel's sync: the webhook (URL and shared secret) and the
 * pull API's key. Secrets are shown once, when made, and stored only encrypted (webhook secret) or
 * hashed (API key).
 */
public final class ChannelAdministration {
  /** Prefix of API keys, so a leaked one is recognisable (secret scanners, logs). */
  public static final String API_KEY_PREFIX = "chk_";

  private static final int SECRET_BYTES = 32;

  private final ChannelRepository channels;
  private final SecretBox secrets;
  private final SecureRandom random;
  private final WebhookAddressPolicy addresses;

  public ChannelAdministration(
      ChannelRepository channels,
      SecretBox secrets,
      SecureRandom random,
      WebhookAddressPolicy addresses) {
    this.channels = channels;
    this.secrets = secrets;
    this.random = random;
    this.addresses = addresses;
  }

  /**
   * Points the channel's webhooks at {@code url} under a new random shared secret.
   *
   * @return the secret, to be handed to the channel; it is not shown again
   * @throws IllegalArgumentException if the URL is not absolute http(s) or the channel is unknown
   */
  public String configureWebhook(String channelId, String url) {
    String secret = "whsec_" + randomToken();
    configureWebhook(channelId, url, secret);
    return secret;
  }

  /** As {@link #configureWebhook(String, String)}, with a secret the channel chose. */
  public void configureWebhook(String channelId, String url, String secret) {
    checkUrl(url);
    if (secret.length() < 16) {
      throw new IllegalArgumentException("the webhook secret must have at least 16 characters");
    }
    byte[] sealed = secrets.encrypt(channelId, secret.getBytes(StandardCharsets.UTF_8));
    if (!channels.setWebhook(channelId, url, sealed)) {
      throw new IllegalArgumentException("no channel " + channelId);
    }
  }

  /**
   * Points the channel's webhooks at {@code url} and keeps its shared secret; a channel without one
   * gets a new one.
   *
   * @return the new secret when one was made (shown once), else empty
   * @throws IllegalArgumentException if the URL is not absolute http(s) or the channel is unknown
   */
  public Optional<String> changeWebhookUrl(String channelId, String url) {
    checkUrl(url);
    if (channels.setWebhookUrl(channelId, url)) {
      return Optional.empty();
    }
    return Optional.of(configureWebhook(channelId, url));
  }

  /**
   * A new shared secret for the channel's current webhook URL; the old one stops working at once.
   *
   * @return the secret, shown once
   * @throws IllegalArgumentException if the channel has no webhook URL
   */
  public String newWebhookSecret(String channelId) {
    String url =
        channels.settings().stream()
            .filter(c -> c.id().equals(channelId))
            .map(ChannelRepository.ChannelSettings::webhookUrl)
            .filter(u -> u != null && !u.isBlank())
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("channel " + channelId + " has no webhook URL"));
    return configureWebhook(channelId, url);
  }

  /** Stops the channel's webhooks; pending deliveries wait until a webhook is set again. */
  public void removeWebhook(String channelId) {
    channels.setWebhook(channelId, null, null);
  }

  /**
   * Gives the channel a new API key; the old one stops working at once.
   *
   * @return the key, to be handed to the channel; it is not shown again
   */
  public String newApiKey(String channelId) {
    String key = API_KEY_PREFIX + randomToken();
    if (!channels.setApiKeyHash(channelId, hash(key))) {
      throw new IllegalArgumentException("no channel " + channelId);
    }
    return key;
  }

  /**
   * @throws WebhookAddressPolicy.Refused if the host is not allowed (production mode)
   */
  private void checkUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook URL must be an absolute http(s) URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL must be an absolute http(s) URL");
    }
    addresses.check(uri);
  }

  /** The channel whose API key this is. */
  public Optional<String> channelOfApiKey(String key) {
    if (key == null || !key.startsWith(API_KEY_PREFIX) || key.length() > 200) {
      return Optional.empty();
    }
    return channels.channelByApiKeyHash(hash(key));
  }

  /**
   * SHA-256, hex. A plain fast hash is enough for 256 random bits (nothing to guess), and lets the
   * key be looked up by its hash.
   */
  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
