package cn.certhall.domain.verification;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * 对公打款 without a bank interface: the {@link MicroDepositTransfer} answers {@link
 * MicroDepositTransfer.Status#QUEUED} and finance makes the transfer by hand from the console's
 * task list (财务打款任务). The rules:
 *
 * <ul>
 *   <li>The code is issued and stored (hashed) when the applicant asks, but while the task is
 *       queued an entered code is answered {@link CodeCheck.Status#TRANSFER_PENDING} and costs no
 *       try: nobody can have it yet.
 *   <li>Marked made: the code's lifetime and its wrong tries count from that instant ({@link
 *       AuthorizationCodes#restartLifetime}).
 *   <li>Marked failed, with the bank's answer: the code is withdrawn and an entered code is
 *       answered {@link CodeCheck.Status#TRANSFER_FAILED}; the applicant corrects the account and
 *       asks again, which queues a new task.
 *   <li>Each task is marked once: of two operators marking it at once, one wins, the other is told
 *       it was marked already.
 * </ul>
 *
 * The caller runs each mark in one transaction with its audit entry.
 */
public final class ManualTransfer {

  /** What came of marking a task. */
  public enum Marked {
    /** Marked as asked. */
    DONE,
    /** No such task, or it is no longer queued (another operator was first, or it was replaced). */
    NOT_OPEN
  }

  private final TransferTasks tasks;
  private final AuthorizationCodes codes;
  private final Clock clock;

  public ManualTransfer(TransferTasks tasks, AuthorizationCodes codes, Clock clock) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The answer to an entered code while the order's transfer is not made, if it is not: the code is
   * not checked at all then.
   */
  static Optional<CodeCheck> withheld(TransferTasks tasks, String orderId) {
    return tasks
        .latest(orderId)
        .flatMap(
            task ->
                switch (task.status()) {
                  case QUEUED -> Optional.of(CodeCheck.of(CodeCheck.Status.TRANSFER_PENDING));
                  case FAILED -> Optional.of(CodeCheck.of(CodeCheck.Status.TRANSFER_FAILED));
                  case MADE, REPLACED -> Optional.empty();
                });
  }

  /** 已打款: the code's lifetime starts now. */
  public Marked made(long taskId, String operator) {
    Optional<TransferTask> task = open(taskId);
    if (task.isEmpty()
        || !tasks.mark(
            task.get(), TransferTask.Status.MADE, operator(operator), null, clock.instant())) {
      return Marked.NOT_OPEN;
    }
    codes.restartLifetime(CodeKey.enterpriseVerification(task.get().orderId()));
    return Marked.DONE;
  }

  /** 打款失败, with the bank's answer (required): the code is withdrawn. */
  public Marked failed(long taskId, String operator, String bankAnswer) {
    String answer = Objects.requireNonNull(bankAnswer, "bankAnswer").strip();
    if (answer.isEmpty() || answer.length() > TransferTask.MAX_BANK_ANSWER) {
      throw new IllegalArgumentException(
          "a bank answer of 1 to " + TransferTask.MAX_BANK_ANSWER + " characters");
    }
    Optional<TransferTask> task = open(taskId);
    if (task.isEmpty()
        || !tasks.mark(
            task.get(), TransferTask.Status.FAILED, operator(operator), answer, clock.instant())) {
      return Marked.NOT_OPEN;
    }
    codes.withdrawCurrent(CodeKey.enterpriseVerification(task.get().orderId()));
    return Marked.DONE;
  }

  private Optional<TransferTask> open(long taskId) {
    return tasks.find(taskId).filter(TransferTask::isOpen);
  }

  private static String operator(String operator) {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("the operator is required");
    }
    return operator;
  }
}
