package cn.certhall.app.transfer;

import cn.certhall.app.persistence.JdbcTransferTasks;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.verification.ManualTransfer;
import cn.certhall.domain.verification.TransferTask;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * 财务打款任务 for the console: the open tasks, and marking one made or failed through the domain's
 * {@link ManualTransfer}, each mark in one transaction with its audit entry (subject: the order).
 */
public final class FinanceTransfers {
  private final JdbcTransferTasks tasks;
  private final ManualTransfer manual;
  private final AuditLog audit;
  private final TransactionOperations transactions;

  public FinanceTransfers(
      JdbcTransferTasks tasks,
      ManualTransfer manual,
      AuditLog audit,
      TransactionOperations transactions) {
    this.tasks = tasks;
    this.manual = manual;
    this.audit = audit;
    this.transactions = transactions;
  }

  public List<TransferTask> open() {
    return tasks.open();
  }

  /** 已打款: the order's code passes from now, for its whole lifetime. */
  public ManualTransfer.Marked made(long taskId, String operator) {
    return transactions.execute(
        status -> {
          ManualTransfer.Marked marked = manual.made(taskId, operator);
          if (marked == ManualTransfer.Marked.DONE) {
            record(taskId, operator, AuditAction.TRANSFER_MADE, "");
          }
          return marked;
        });
  }

  /** 打款失败 with the bank's answer, which the applicant is shown. */
  public ManualTransfer.Marked failed(long taskId, String operator, String bankAnswer) {
    return transactions.execute(
        status -> {
          ManualTransfer.Marked marked = manual.failed(taskId, operator, bankAnswer);
          if (marked == ManualTransfer.Marked.DONE) {
            record(
                taskId,
                operator,
                AuditAction.TRANSFER_FAILED,
                ", bank answer: " + bankAnswer.strip());
          }
          return marked;
        });
  }

  private void record(long taskId, String operator, AuditAction action, String more) {
    Optional<TransferTask> task = tasks.find(taskId);
    String orderId = task.map(TransferTask::orderId).orElse("task " + taskId);
    String account = task.map(t -> Masking.lastFour(t.account().accountNumber())).orElse("");
    audit.record(
        Actor.operator(operator),
        action,
        orderId,
        "transfer task " + taskId + " to " + account + more);
  }
}
