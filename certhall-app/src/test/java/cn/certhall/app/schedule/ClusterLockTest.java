package cn.certhall.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes (two connection pools) on one database, each with its own {@link ClusterLock}, as two
 * certhall nodes run their periodic jobs: a job runs on one node at a time and once per period.
 */
class ClusterLockTest {

  record Nodes(ClusterLock a, ClusterLock b) {}

  static Nodes twoNodes(Kind kind) {
    TestDatabases.Target db = TestDatabases.fresh(kind);
    DataSource first = db.migrated();
    DataSource second = db.dataSource();
    return new Nodes(
        ScheduledJobs.clusterLock(ScheduledJobs.schedulerLocks(first)),
        ScheduledJobs.clusterLock(ScheduledJobs.schedulerLocks(second)));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void eightTurnsAtOnceOnTwoNodesRunTheJobOnce(Kind kind) throws Exception {
    Nodes nodes = twoNodes(kind);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Runnable job =
        () -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          runs.incrementAndGet();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
        };
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> turns = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ClusterLock node = i % 2 == 0 ? nodes.a() : nodes.b();
        turns.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.runOnce("issuance-recovery", Duration.ofHours(1), job);
                }));
      }
      start.countDown();
      int ran = 0;
      for (Future<Boolean> turn : turns) {
        ran += turn.get() ? 1 : 0;
      }
      assertThat(ran).as("turns that say they ran the job").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs.get()).as("runs of the job").isEqualTo(1);
    assertThat(mostAtOnce.get()).isEqualTo(1);
    assertThat(nodes.b().runOnce("issuance-recovery", Duration.ofHours(1), job))
        .as("a later turn within the hour, on the other node")
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theNextPeriodRunsOnWhicheverNodeComesFirst(Kind kind) throws Exception {
    Nodes nodes = twoNodes(kind);
    AtomicInteger runs = new AtomicInteger();
    Duration period = Duration.ofSeconds(2);
    assertThat(nodes.a().runOnce("limit-purge", period, runs::incrementAndGet)).isTrue();
    assertThat(nodes.b().runOnce("limit-purge", period, runs::incrementAndGet))
        .as("node B's turn in the same period")
        .isFalse();
    assertThat(nodes.b().runOnce("other-job", period, runs::incrementAndGet))
        .as("another job has a lock of its own")
        .isTrue();
    Thread.sleep(period.toMillis());
    assertThat(nodes.b().runOnce("limit-purge", period, runs::incrementAndGet))
        .as("node B's turn in the next period")
        .isTrue();
    assertThat(runs.get()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aJobThatFailsIsRunAgainNextPeriodNotBefore(Kind kind) throws Exception {
    Nodes nodes = twoNodes(kind);
    Duration period = Duration.ofSeconds(2);
    AtomicInteger tries = new AtomicInteger();
    Runnable failing =
        () -> {
          tries.incrementAndGet();
          throw new IllegalStateException("database away");
        };
    try {
      nodes.a().runOnce("crl-due", period, failing);
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("database away");
    }
    assertThat(tries.get()).isEqualTo(1);
    assertThat(nodes.b().runOnce("crl-due", period, failing)).isFalse();
    Thread.sleep(period.toMillis());
    assertThat(nodes.b().runOnce("crl-due", period, () -> tries.incrementAndGet())).isTrue();
    assertThat(tries.get()).isEqualTo(2);
  }

  /**
   * A node stuck in a recovery (waiting on an order's row lock) when it is killed: its lock row
   * says "locked" and nobody will ever release it. The other node recovers after one period.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRecoveryLeftRunningByADeadNodeRunsElsewhereAfterOnePeriod(Kind kind) throws Exception {
    Nodes nodes = twoNodes(kind);
    Duration period = Duration.ofSeconds(2);
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch dead = new CountDownLatch(1);
    Thread nodeA =
        new Thread(
            () ->
                nodes
                    .a()
                    .runOnce(
                        "issuance-recovery",
                        period,
                        period,
                        () -> {
                          stuck.countDown();
                          try {
                            dead.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    nodeA.start();
    try {
      assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
      AtomicInteger runs = new AtomicInteger();
      assertThat(nodes.b().runOnce("issuance-recovery", period, period, runs::incrementAndGet))
          .as("while node A is at it")
          .isFalse();
      Thread.sleep(period.toMillis() + 200);
      assertThat(nodes.b().runOnce("issuance-recovery", period, period, runs::incrementAndGet))
          .as("one period after node A stopped answering")
          .isTrue();
      assertThat(runs.get()).isOne();
      // a job whose lock lasts the default ten minutes would still be kept from node B
      Duration otherPeriod = Duration.ofSeconds(2);
      CountDownLatch otherStuck = new CountDownLatch(1);
      Thread other =
          new Thread(
              () ->
                  nodes
                      .a()
                      .runOnce(
                          "crl-due",
                          otherPeriod,
                          () -> {
                            otherStuck.countDown();
                            try {
                              dead.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      other.start();
      assertThat(otherStuck.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(otherPeriod.toMillis() + 200);
      assertThat(nodes.b().runOnce("crl-due", otherPeriod, runs::incrementAndGet)).isFalse();
    } finally {
      dead.countDown();
      nodeA.join();
    }
  }
}
