package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.order.BusinessType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The channel settings of channel sync: webhook URL and (encrypted) secret, the API key's hash and
 * the fees, on the portal's {@code channel} table (V7, extended by V23); and the channels' view of
 * their certificates ({@code channel_certificate}), which the pull API serves.
 */
public final class ChannelRepository {
  private final JdbcClient jdbc;

  public ChannelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Where a channel's webhooks go; the secret is still encrypted. */
  public record Webhook(String channelId, String url, byte[] encryptedSecret) {
    @Override
    public String toString() {
      return "Webhook[" + channelId + "]";
    }
  }

  /**
   * A channel as the administrator's settings page shows it: never a secret, only whether one is
   * set.
   */
  public record ChannelSettings(
      String id,
      String name,
      boolean enabled,
      String webhookUrl,
      boolean hasSecret,
      boolean hasApiKey) {}

  /** Every channel, by id. */
  public List<ChannelSettings> settings() {
    return jdbc.sql(
            "SELECT id, name, enabled, webhook_url, webhook_secret IS NOT NULL AS has_secret,"
                + " api_key_hash IS NOT NULL AS has_key FROM channel ORDER BY id")
        .query(
            (rs, n) ->
                new ChannelSettings(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getBoolean("enabled"),
                    rs.getString("webhook_url"),
                    rs.getBoolean("has_secret"),
                    rs.getBoolean("has_key")))
        .list();
  }

  /**
   * Deletes the channel and its fees if nothing refers to it: no order, payment, certificate,
   * delivery or signing request, and no API key handed out.
   *
   * @return whether it was deleted
   */
  public boolean deleteIfUnused(String channelId) {
    boolean used =
        jdbc.sql(
                    "SELECT (SELECT COUNT(*) FROM orders WHERE channel_id = :id)"
                        + " + (SELECT COUNT(*) FROM payment WHERE channel_id = :id)"
                        + " + (SELECT COUNT(*) FROM channel_certificate WHERE channel_id = :id)"
                        + " + (SELECT COUNT(*) FROM channel_delivery WHERE channel_id = :id)"
                        + " + (SELECT COUNT(*) FROM signing_request WHERE channel_id = :id)"
                        + " + (SELECT COUNT(*) FROM channel WHERE id = :id AND api_key_hash IS NOT NULL)")
                .param("id", channelId)
                .query(Long.class)
                .single()
            > 0;
    if (used || !exists(channelId)) {
      return false;
    }
    try {
      jdbc.sql("DELETE FROM channel_fee WHERE channel_id = ?").param(channelId).update();
      return jdbc.sql("DELETE FROM channel WHERE id = ?").param(channelId).update() == 1;
    } catch (DataIntegrityViolationException referenced) {
      // a table this method does not know refers to the channel: it is in use
      return false;
    }
  }

  /** Changes the webhook URL and keeps the secret; false if the channel has no secret yet. */
  public boolean setWebhookUrl(String channelId, String url) {
    return jdbc.sql(
                "UPDATE channel SET webhook_url = ? WHERE id = ? AND webhook_secret IS NOT NULL")
            .params(url, channelId)
            .update()
        == 1;
  }

  public boolean exists(String channelId) {
    return jdbc.sql("SELECT COUNT(*) FROM channel WHERE id = ?")
            .param(channelId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The channel's webhook, if it has one. */
  public Optional<Webhook> webhook(String channelId) {
    return jdbc.sql(
            "SELECT id, webhook_url, webhook_secret FROM channel"
                + " WHERE id = ? AND webhook_url IS NOT NULL AND webhook_secret IS NOT NULL")
        .param(channelId)
        .query(
            (rs, n) ->
                new Webhook(
                    rs.getString("id"), rs.getString("webhook_url"), rs.getBytes("webhook_secret")))
        .optional();
  }

  /** Sets or (with nulls) removes the webhook; false if there is no such channel. */
  public boolean setWebhook(String channelId, String url, byte[] encryptedSecret) {
    return jdbc.sql("UPDATE channel SET webhook_url = ?, webhook_secret = ? WHERE id = ?")
            .params(url, encryptedSecret, channelId)
            .update()
        == 1;
  }

  /** Replaces the channel's API key hash; false if there is no such channel. */
  public boolean setApiKeyHash(String channelId, String hash) {
    return jdbc.sql("UPDATE channel SET api_key_hash = ? WHERE id = ?")
            .params(hash, channelId)
            .update()
        == 1;
  }

  public boolean hasApiKey(String channelId) {
    return jdbc.sql("SELECT COUNT(*) FROM channel WHERE id = ? AND api_key_hash IS NOT NULL")
            .param(channelId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The channel whose API key has this hash. */
  public Optional<String> channelByApiKeyHash(String hash) {
    return jdbc.sql("SELECT id FROM channel WHERE api_key_hash = ?")
        .param(hash)
        .query(String.class)
        .optional();
  }

  /** The fee in fen (分); empty when the channel charges nothing for this business type. */
  public OptionalLong fee(String channelId, BusinessType type) {
    return jdbc.sql("SELECT amount_fen FROM channel_fee WHERE channel_id = ? AND business_type = ?")
        .params(channelId, type.name())
        .query(Long.class)
        .optional()
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  public void setFee(String channelId, BusinessType type, long amountFen) {
    if (jdbc.sql("UPDATE channel_fee SET amount_fen = ? WHERE channel_id = ? AND business_type = ?")
            .params(amountFen, channelId, type.name())
            .update()
        == 0) {
      jdbc.sql("INSERT INTO channel_fee (channel_id, business_type, amount_fen) VALUES (?, ?, ?)")
          .params(channelId, type.name(), amountFen)
          .update();
    }
  }

  /** A certificate as its channel sees it. */
  public record ChannelCertificate(
      String serial,
      String creditCode,
      String orderId,
      String lastEvent,
      boolean revoked,
      Instant notAfter,
      Instant updatedAt) {}

  /** Stores the last sync of a certificate for its channel (one row per channel and serial). */
  public void putCertificate(
      String channelId,
      String serial,
      String creditCode,
      String orderId,
      String event,
      boolean revoked,
      Instant notAfter,
      byte[] body,
      Instant at) {
    int updated =
        jdbc.sql(
                "UPDATE channel_certificate SET credit_code = ?, order_id = ?, last_event = ?,"
                    + " revoked = ?, not_after = ?, body = ?, updated_at = ?"
                    + " WHERE channel_id = ? AND serial = ?")
            .params(
                creditCode,
                orderId,
                event,
                revoked,
                utc(notAfter),
                body,
                utc(at),
                channelId,
                serial)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO channel_certificate (channel_id, serial, credit_code, order_id,"
                  + " last_event, revoked, not_after, body, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              channelId, serial, creditCode, orderId, event, revoked, utc(notAfter), body, utc(at))
          .update();
    }
  }

  /**
   * The channel's certificates, newest change first.
   *
   * @param creditCode only this organization's, or null for all
   */
  public List<ChannelCertificate> certificates(
      String channelId, String creditCode, int limit, int offset) {
    String where = creditCode == null ? "" : " AND credit_code = ?";
    Object[] params =
        creditCode == null
            ? new Object[] {channelId, limit, offset}
            : new Object[] {channelId, creditCode, limit, offset};
    return jdbc.sql(
            "SELECT serial, credit_code, order_id, last_event, revoked, not_after, updated_at"
                + " FROM channel_certificate WHERE channel_id = ?"
                + where
                + " ORDER BY updated_at DESC, serial LIMIT ? OFFSET ?")
        .params(params)
        .query(
            (rs, n) ->
                new ChannelCertificate(
                    rs.getString("serial"),
                    rs.getString("credit_code"),
                    rs.getString("order_id"),
                    rs.getString("last_event"),
                    rs.getBoolean("revoked"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The JSON of the certificate's last sync, if this channel has it. */
  public Optional<byte[]> certificateBody(String channelId, String serial) {
    return jdbc.sql("SELECT body FROM channel_certificate WHERE channel_id = ? AND serial = ?")
        .params(channelId, serial)
        .query((rs, n) -> rs.getBytes("body"))
        .optional();
  }
}
