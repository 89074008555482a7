package cn.certhall.app.schedule;

import cn.certhall.app.inactivity.InactivityScheduler;
import cn.certhall.app.issuance.IssuanceRecovery;
import cn.certhall.app.lifecycle.LifecycleRecovery;
import cn.certhall.app.limit.LimitPurge;
import cn.certhall.app.payment.PaymentSettlement;
import cn.certhall.app.reminder.RenewalReminderScheduler;
import cn.certhall.app.revocation.CrlPublisher;
import cn.certhall.app.sealing.SigningRequestPurge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Every periodic background job of a node, in one list, each run under its {@link ClusterLock}:
 * with several nodes on one database a job runs on one node at a time and about once per period in
 * all (issue 20). Not here, because they are shared out by the database item by item rather than
 * run once: the outbox pollers (claims with a lease, {@code app.outbox.OutboxPoller}), the CRLs
 * asked for by a revocation (a lease per CA, {@link CrlPublisher#publishPending}), the OCSP cache's
 * revocation poll (every node keeps its own cache) and Spring Session's deletion of expired
 * sessions (one DELETE, harmless on every node).
 */
@Configuration(proxyBeanMethods = false)
public class ScheduledJobs implements SchedulingConfigurer {
  /**
   * A job: its lock's name, how often it runs, what it does, and how long a node that died in the
   * middle of it keeps it from the others.
   */
  public record Job(String name, Duration period, Runnable work, Duration heldAtMost) {
    Job(String name, Duration period, Runnable work) {
      this(name, period, work, ClusterLock.heldAtMost(period));
    }
  }

  private final ClusterLock lock;
  private final Environment environment;
  private final ObjectProvider<IssuanceRecovery> issuance;
  private final ObjectProvider<LifecycleRecovery> lifecycle;
  private final ObjectProvider<CrlPublisher> crls;
  private final ObjectProvider<RenewalReminderScheduler> reminders;
  private final ObjectProvider<InactivityScheduler> inactivity;
  private final ObjectProvider<LimitPurge> limits;
  private final ObjectProvider<SigningRequestPurge> signingRequests;
  private final ObjectProvider<PaymentSettlement> payments;

  public ScheduledJobs(
      ClusterLock lock,
      Environment environment,
      ObjectProvider<IssuanceRecovery> issuance,
      ObjectProvider<LifecycleRecovery> lifecycle,
      ObjectProvider<CrlPublisher> crls,
      ObjectProvider<RenewalReminderScheduler> reminders,
      ObjectProvider<InactivityScheduler> inactivity,
      ObjectProvider<LimitPurge> limits,
      ObjectProvider<SigningRequestPurge> signingRequests,
      ObjectProvider<PaymentSettlement> payments) {
    this.lock = lock;
    this.environment = environment;
    this.issuance = issuance;
    this.lifecycle = lifecycle;
    this.crls = crls;
    this.reminders = reminders;
    this.inactivity = inactivity;
    this.limits = limits;
    this.signingRequests = signingRequests;
    this.payments = payments;
  }

  /** The lock rows live in the shared database ({@code shedlock}); times by its clock. */
  @Bean
  static LockProvider schedulerLocks(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .usingDbTime()
            .build());
  }

  @Bean
  static ClusterLock clusterLock(LockProvider schedulerLocks) {
    return new ClusterLock(schedulerLocks);
  }

  /** The jobs of this node (a part switched off has none). */
  public List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    Duration minute = Duration.ofMinutes(1);
    Duration recovery =
        environment.getProperty("certhall.recovery.interval", Duration.class, minute);
    // A recovery waits on the row lock of an order another node is issuing, and a node killed
    // there would keep the job from the others for ten minutes; but two recoveries at once are
    // safe (each order is finished under its row lock, the second finds it done), so a dead
    // node's lock lasts one period
    issuance.ifAvailable(
        r -> jobs.add(new Job("issuance-recovery", recovery, r::recover, recovery)));
    lifecycle.ifAvailable(
        r -> jobs.add(new Job("lifecycle-recovery", recovery, r::recover, recovery)));
    crls.ifAvailable(c -> jobs.add(new Job("crl-due", minute, c::publishDue)));
    reminders.ifAvailable(
        r ->
            jobs.add(
                new Job("renewal-reminders", interval("certhall.reminders.interval"), r::run)));
    inactivity.ifAvailable(
        i ->
            jobs.add(
                new Job(
                    "inactive-orders",
                    interval("certhall.orders.inactivity.check-interval"),
                    i::check)));
    limits.ifAvailable(
        l ->
            jobs.add(new Job("limit-purge", interval("certhall.limits.purge-interval"), l::purge)));
    signingRequests.ifAvailable(
        p ->
            jobs.add(
                new Job(
                    "signing-request-purge",
                    interval("certhall.sealing.purge-interval"),
                    p::purge)));
    payments.ifAvailable(
        p ->
            jobs.add(
                new Job(
                    "payment-settlement",
                    environment.getProperty(
                        "certhall.payment.settlement-interval", Duration.class, minute),
                    p::run)));
    return jobs;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    for (Job job : jobs()) {
      registrar.addFixedDelayTask(
          new FixedDelayTask(
              () -> lock.runOnce(job.name(), job.period(), job.heldAtMost(), job.work()),
              job.period(),
              job.period()));
    }
  }

  private Duration interval(String property) {
    return environment.getProperty(property, Duration.class, Duration.ofHours(1));
  }
}
