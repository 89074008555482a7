package cn.certhall.app.persistence;

import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.TransferTask;
import cn.certhall.domain.verification.TransferTasks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code transfer_task}: the corporate transfers finance makes by hand (财务打款任务). Every change is an
 * UPDATE conditional on the row's id, version and QUEUED status, so of two operators (two nodes)
 * marking one task exactly one changes a row.
 */
public final class JdbcTransferTasks implements TransferTasks {
  private static final String COLUMNS =
      "id, order_id, amount, account_name, account_number, bank, remark, status, operator,"
          + " bank_answer, queued_at, marked_at, version";

  private final JdbcClient jdbc;

  public JdbcTransferTasks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new task for the order; a task of the order still queued is REPLACED (its remark's code is no
   * longer the order's).
   */
  public void queue(String orderId, CorporateAccount account, String remark, Instant at) {
    jdbc.sql(
            "UPDATE transfer_task SET status = 'REPLACED', marked_at = ?, version = version + 1"
                + " WHERE order_id = ? AND status = 'QUEUED'")
        .params(DbTime.utc(at), orderId)
        .update();
    jdbc.sql(
            "INSERT INTO transfer_task (order_id, amount, account_name, account_number, bank, remark,"
                + " status, queued_at, version) VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?, 0)")
        .params(
            orderId,
            MicroDepositTransfer.AMOUNT,
            account.accountName(),
            account.accountNumber(),
            account.bankName(),
            remark,
            DbTime.utc(at))
        .update();
  }

  /** The tasks waiting for finance, oldest first. */
  public List<TransferTask> open() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM transfer_task WHERE status = 'QUEUED' ORDER BY id")
        .query(JdbcTransferTasks::task)
        .list();
  }

  @Override
  public Optional<TransferTask> latest(String orderId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM transfer_task WHERE order_id = ? ORDER BY id DESC"
                + " FETCH FIRST 1 ROWS ONLY")
        .param(orderId)
        .query(JdbcTransferTasks::task)
        .optional();
  }

  @Override
  public Optional<TransferTask> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM transfer_task WHERE id = ?")
        .param(id)
        .query(JdbcTransferTasks::task)
        .optional();
  }

  @Override
  public boolean mark(
      TransferTask current,
      TransferTask.Status to,
      String operator,
      String bankAnswer,
      Instant at) {
    if (to != TransferTask.Status.MADE && to != TransferTask.Status.FAILED) {
      throw new IllegalArgumentException("a task is marked MADE or FAILED, not " + to);
    }
    return jdbc.sql(
                "UPDATE transfer_task SET status = ?, operator = ?, bank_answer = ?, marked_at = ?,"
                    + " version = version + 1 WHERE id = ? AND version = ? AND status = 'QUEUED'")
            .params(
                to.name(), operator, bankAnswer, DbTime.utc(at), current.id(), current.version())
            .update()
        == 1;
  }

  private static TransferTask task(ResultSet rs, int n) throws SQLException {
    OffsetDateTime marked = rs.getObject("marked_at", OffsetDateTime.class);
    return new TransferTask(
        rs.getLong("id"),
        rs.getString("order_id"),
        rs.getBigDecimal("amount"),
        new CorporateAccount(
            rs.getString("account_name"), rs.getString("account_number"), rs.getString("bank")),
        rs.getString("remark"),
        TransferTask.Status.valueOf(rs.getString("status")),
        rs.getString("operator"),
        rs.getString("bank_answer"),
        rs.getObject("queued_at", OffsetDateTime.class).toInstant(),
        marked == null ? null : marked.toInstant(),
        rs.getInt("version"));
  }
}
