package cn.certhall.app.persistence;

import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code channel} table (V7). */
@Repository
public class JdbcChannelDirectory implements ChannelDirectory {
  private final JdbcClient jdbc;

  public JdbcChannelDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Channel> find(String id) {
    if (!Channel.isWellFormedId(id)) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT id, name, enabled FROM channel WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Channel(rs.getString("id"), rs.getString("name"), rs.getBoolean("enabled")))
        .optional();
  }
}
