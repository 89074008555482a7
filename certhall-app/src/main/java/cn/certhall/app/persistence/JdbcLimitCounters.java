package cn.certhall.app.persistence;

import cn.certhall.domain.limit.LimitCounters;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The limiter's counters in {@code rate_limit}. A take is {@code UPDATE … SET used = used + 1 WHERE
 * … AND used < cap}: PostgreSQL and H2 lock the row and evaluate the condition on the latest
 * committed count, so of many concurrent takes exactly as many succeed as the cap had left, on one
 * node or several. The callers hold no transaction, so each statement commits on its own and a lost
 * race to insert the window's row is answered by one more UPDATE.
 */
public final class JdbcLimitCounters implements LimitCounters {
  private final JdbcClient jdbc;

  public JdbcLimitCounters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean take(
      String limit, String subject, Instant windowStart, Instant windowEnd, int cap) {
    if (increment(limit, subject, windowStart, cap)) {
      return true;
    }
    try {
      // NOT EXISTS keeps a full counter's refusal free of a failed statement
      int inserted =
          jdbc.sql(
                  "INSERT INTO rate_limit (limit_name, subject, window_start, window_end, used)"
                      + " SELECT ?, ?, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM rate_limit"
                      + " WHERE limit_name = ? AND subject = ? AND window_start = ?)")
              .params(
                  limit,
                  subject,
                  DbTime.utc(windowStart),
                  DbTime.utc(windowEnd),
                  limit,
                  subject,
                  DbTime.utc(windowStart))
              .update();
      if (inserted == 1) {
        return true;
      }
    } catch (DuplicateKeyException raced) {
      // another request created the row first: count on it
    }
    return increment(limit, subject, windowStart, cap);
  }

  private boolean increment(String limit, String subject, Instant windowStart, int cap) {
    return jdbc.sql(
                "UPDATE rate_limit SET used = used + 1"
                    + " WHERE limit_name = ? AND subject = ? AND window_start = ? AND used < ?")
            .params(limit, subject, DbTime.utc(windowStart), cap)
            .update()
        == 1;
  }

  @Override
  public void giveBack(String limit, String subject, Instant windowStart) {
    jdbc.sql(
            "UPDATE rate_limit SET used = used - 1"
                + " WHERE limit_name = ? AND subject = ? AND window_start = ? AND used > 0")
        .params(limit, subject, DbTime.utc(windowStart))
        .update();
  }

  @Override
  public int used(String limit, String subject, Instant windowStart) {
    return jdbc.sql(
            "SELECT used FROM rate_limit WHERE limit_name = ? AND subject = ? AND window_start = ?")
        .params(limit, subject, DbTime.utc(windowStart))
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  @Override
  public void clear(String limit, String subject) {
    jdbc.sql("DELETE FROM rate_limit WHERE limit_name = ? AND subject = ?")
        .params(limit, subject)
        .update();
  }

  /** One DELETE: running it on two nodes at once deletes each row once and harms nothing. */
  @Override
  public int purgeEndedBefore(Instant before) {
    return jdbc.sql("DELETE FROM rate_limit WHERE window_end <= ?")
        .param(DbTime.utc(before))
        .update();
  }
}
