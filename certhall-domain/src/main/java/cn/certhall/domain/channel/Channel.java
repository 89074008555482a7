package cn.certhall.domain.channel;

import java.util.Objects;

/**
 * A channel platform (云平台, SPEC 1): where an organization comes from to the portal, named by {@code
 * channelId} in the portal's URL. Orders remember their channel; issued certificates and seals are
 * pushed back to it.
 *
 * @param id the {@code channelId} of the portal URL
 * @param name the platform's name, shown on the portal
 * @param enabled a disabled channel takes no new orders
 */
public record Channel(String id, String name, boolean enabled) {

  /** The longest channel id; the orders' {@code channel_id} column has this size. */
  public static final int MAX_ID_LENGTH = 64;

  public Channel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** Whether {@code id} could name a channel at all (letters, digits, {@code -} and {@code _}). */
  public static boolean isWellFormedId(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= MAX_ID_LENGTH
        && id.matches("[A-Za-z0-9_-]+");
  }
}
