package cn.certhall.domain.channel;

/** A sync names a channel that is not configured. */
public final class UnknownChannelException extends RuntimeException {
  private final String channelId;

  public UnknownChannelException(String channelId) {
    super("no channel " + channelId);
    this.channelId = channelId;
  }

  public String channelId() {
    return channelId;
  }
}
