package cn.certhall.domain.channel;

import java.util.Optional;

/** Port: the channel platforms the CA works with. */
public interface ChannelDirectory {

  /** The channel of this {@code channelId}, enabled or not. */
  Optional<Channel> find(String id);
}
