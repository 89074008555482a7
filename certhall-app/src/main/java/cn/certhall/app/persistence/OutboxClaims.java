package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The claim of the one outbox, for any outbox table with {@code id} and {@code next_attempt_at}:
 * the due rows are read {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at once take different
 * rows, and each is leased by a conditional {@code UPDATE} that moves its next attempt to the
 * lease's end: of two claims of one row only one changes it, with or without the row lock (H2 and
 * PostgreSQL alike), so nothing is sent twice.
 */
final class OutboxClaims {
  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final String select;
  private final String lease;

  /**
   * @param table the outbox table (a constant of the caller)
   * @param due the condition of a due row with one parameter, the time now (a constant)
   */
  OutboxClaims(JdbcClient jdbc, TransactionOperations transactions, String table, String due) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.select = "SELECT id FROM " + table + " WHERE " + due + " ORDER BY next_attempt_at, id";
    this.lease = "UPDATE " + table + " SET next_attempt_at = ? WHERE id = ? AND " + due;
  }

  /** The ids claimed, each leased until {@code leaseUntil}. */
  List<Long> claim(Instant now, Instant leaseUntil, int limit) {
    List<Long> claimed =
        transactions.execute(
            tx -> {
              List<Long> due =
                  jdbc.sql(
                          select
                              + " FETCH FIRST "
                              + Math.max(1, limit)
                              + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                      .param(utc(now))
                      .query(Long.class)
                      .list();
              List<Long> leased = new ArrayList<>();
              for (Long id : due) {
                if (jdbc.sql(lease).params(utc(leaseUntil), id, utc(now)).update() == 1) {
                  leased.add(id);
                }
              }
              return leased;
            });
    return claimed == null ? List.of() : claimed;
  }
}
