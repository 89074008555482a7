package cn.certhall.app.schedule;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs a background job on one node of the installation at a time, and at most about once per
 * period across all nodes: ShedLock's lock row per job in the shared database ({@code shedlock},
 * V118), its times taken from the database's clock. A node that finds the job locked skips its
 * turn; a node that dies holding a lock frees it after {@link #HELD_AT_MOST}.
 */
public final class ClusterLock {
  /** How long a node that died mid-job keeps the job from the others. */
  static final Duration HELD_AT_MOST = Duration.ofMinutes(10);

  private final LockingTaskExecutor executor;

  public ClusterLock(LockProvider locks) {
    this.executor = new DefaultLockingTaskExecutor(locks);
  }

  /**
   * Runs {@code job} unless another node ran it less than most of a {@code period} ago or runs it
   * now.
   *
   * @return whether this node ran it
   */
  public boolean runOnce(String name, Duration period, Runnable job) {
    return runOnce(name, period, heldAtMost(period), job);
  }

  /**
   * As {@link #runOnce(String, Duration, Runnable)}, the lock kept from the others at most {@code
   * heldAtMost} when this node dies (or is still at it): for a job whose runs may overlap safely,
   * so a dead node delays it no longer than that.
   */
  public boolean runOnce(String name, Duration period, Duration heldAtMost, Runnable job) {
    LockConfiguration config =
        new LockConfiguration(
            ClockProvider.now(), name, heldAtMost, min(heldAtLeast(period), heldAtMost));
    try {
      return executor
          .executeWithLock(
              () -> {
                job.run();
                return Boolean.TRUE;
              },
              config)
          .wasExecuted();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The lock outlives the run by most of the period, so the other nodes' turns within the period
   * find it taken; a tenth is left for the scheduling's drift, so the next turn of any node runs.
   */
  static Duration heldAtLeast(Duration period) {
    return period.minus(period.dividedBy(10));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Duration heldAtMost(Duration period) {
    return period.compareTo(HELD_AT_MOST) > 0 ? period : HELD_AT_MOST;
  }
}
