package cn.certhall.domain.verification;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where the corporate transfers finance makes by hand are kept ({@link ManualTransfer}).
 * Every change is conditional on the task being as the caller read it (same version, still {@link
 * TransferTask.Status#QUEUED}), so two operators on two nodes cannot both mark one task.
 */
public interface TransferTasks {

  /** No manual transfers: a bank (or the sandbox) pays at once. */
  TransferTasks NONE =
      new TransferTasks() {
        @Override
        public Optional<TransferTask> latest(String orderId) {
          return Optional.empty();
        }

        @Override
        public Optional<TransferTask> find(long id) {
          return Optional.empty();
        }

        @Override
        public boolean mark(
            TransferTask current,
            TransferTask.Status to,
            String operator,
            String bankAnswer,
            Instant at) {
          return false;
        }
      };

  /** The order's newest task, whatever its status. */
  Optional<TransferTask> latest(String orderId);

  Optional<TransferTask> find(long id);

  /**
   * Marks {@code current} {@code to} (MADE or FAILED) by {@code operator}. @return false if the
   * task has changed since it was read (another operator marked it, or a newer one replaced it)
   */
  boolean mark(
      TransferTask current, TransferTask.Status to, String operator, String bankAnswer, Instant at);
}
