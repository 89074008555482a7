package cn.certhall.domain.review;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.order.BusinessType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reviewers' dashboard (审核看板): what waits (due today, overdue by the working-day deadline, per
 * business type) and how the last {@link #PERIOD} went (median and 90th percentile of the time from
 * submission to decision, decisions per reviewer), and the export of that period's decisions. Times
 * to decision are elapsed time, nights, weekends and holidays included: what the applicant waited
 * (docs/decisions.md, "Reviewers' dashboard").
 */
public final class ReviewDashboard {
  /** The period of the decision figures and of the export: the last 30 days up to now. */
  public static final Duration PERIOD = Duration.ofDays(30);

  private final ReviewQueue.Source waiting;
  private final Decisions decisions;
  private final ReviewDeadline deadline;
  private final AuditLog audit;
  private final Clock clock;

  public ReviewDashboard(
      ReviewQueue.Source waiting,
      Decisions decisions,
      ReviewDeadline deadline,
      AuditLog audit,
      Clock clock) {
    this.waiting = Objects.requireNonNull(waiting, "waiting");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Port: the review decisions as stored. */
  public interface Decisions {
    /** Every decision taken in [from, to), oldest first; an order decided twice has two. */
    List<Decision> decidedBetween(Instant from, Instant to);
  }

  /** 审核通过 or 审核未通过. */
  public enum Outcome {
    APPROVED,
    REJECTED
  }

  /**
   * One decision on an order.
   *
   * @param submittedAt when the order last entered 等待审核 before this decision
   * @param reviewer the console user name of who decided
   */
  public record Decision(
      String orderId,
      BusinessType businessType,
      Instant submittedAt,
      Instant decidedAt,
      Outcome outcome,
      String reviewer) {
    public Decision {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(businessType, "businessType");
      Objects.requireNonNull(submittedAt, "submittedAt");
      Objects.requireNonNull(decidedAt, "decidedAt");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reviewer, "reviewer");
    }

    public Duration timeToDecision() {
      return Duration.between(submittedAt, decidedAt);
    }
  }

  public record ReviewerDecisions(String reviewer, int approved, int rejected) {
    public int total() {
      return approved + rejected;
    }
  }

  /**
   * The dashboard at {@code at}.
   *
   * @param today the day of {@code at}, China time
   * @param dueToday waiting orders whose last day is today (not yet overdue)
   * @param overdue waiting orders past their last day
   * @param waitingByType waiting orders per business type, every type listed
   * @param median the median time to decision of the period, empty without decisions
   * @param p90 its 90th percentile (as Excel's PERCENTILE.INC), empty without decisions
   * @param perReviewer by reviewer name
   */
  public record Figures(
      Instant at,
      Instant periodStart,
      LocalDate today,
      int waiting,
      int dueToday,
      int overdue,
      Map<BusinessType, Integer> waitingByType,
      int decided,
      Optional<Duration> median,
      Optional<Duration> p90,
      List<ReviewerDecisions> perReviewer) {}

  /** The decisions of the period, for the CSV export. */
  public record Export(Instant periodStart, Instant periodEnd, List<Decision> decisions) {}

  /** The orders waiting for review and how many of them are past their last day, now. */
  public record Queue(int waiting, int overdue) {}

  /** The queue's figures alone, without the period's decisions: cheap enough for monitoring. */
  public Queue queue() {
    Instant now = now();
    List<ReviewQueue.Waiting> all = waiting.oldestFirst(Integer.MAX_VALUE);
    int overdue = (int) all.stream().filter(w -> deadline.overdue(w.submittedAt(), now)).count();
    return new Queue(all.size(), overdue);
  }

  public Figures figures() {
    Instant now = now();
    LocalDate today = deadline.day(now);
    int dueToday = 0;
    int overdue = 0;
    Map<BusinessType, Integer> byType = new EnumMap<>(BusinessType.class);
    for (BusinessType type : BusinessType.values()) {
      byType.put(type, 0);
    }
    List<ReviewQueue.Waiting> all = waiting.oldestFirst(Integer.MAX_VALUE);
    for (ReviewQueue.Waiting w : all) {
      byType.merge(w.businessType(), 1, Integer::sum);
      if (deadline.overdue(w.submittedAt(), now)) {
        overdue++;
      } else if (deadline.decisionDue(w.submittedAt()).equals(today)) {
        dueToday++;
      }
    }
    Instant from = now.minus(PERIOD);
    List<Decision> decided = decisions.decidedBetween(from, now);
    List<Duration> times = new ArrayList<>(decided.stream().map(Decision::timeToDecision).toList());
    Collections.sort(times);
    Map<String, int[]> counts = new TreeMap<>();
    for (Decision d : decided) {
      counts.computeIfAbsent(d.reviewer(), r -> new int[2])[d.outcome().ordinal()]++;
    }
    List<ReviewerDecisions> perReviewer =
        counts.entrySet().stream()
            .map(e -> new ReviewerDecisions(e.getKey(), e.getValue()[0], e.getValue()[1]))
            .toList();
    return new Figures(
        now,
        from,
        today,
        all.size(),
        dueToday,
        overdue,
        Collections.unmodifiableMap(byType),
        decided.size(),
        percentile(times, 0.5),
        percentile(times, 0.9),
        perReviewer);
  }

  /**
   * The period's decisions for {@code operator}, who is recorded in the audit log as exporting
   * them.
   */
  public Export export(String operator) {
    Instant now = now();
    Instant from = now.minus(PERIOD);
    List<Decision> decided = decisions.decidedBetween(from, now);
    audit.record(
        Actor.operator(operator),
        AuditAction.REVIEW_DECISIONS_EXPORTED,
        "review-decisions",
        "from " + from + " to " + now + ", " + decided.size() + " decisions");
    return new Export(from, now, decided);
  }

  /**
   * The {@code p} quantile of {@code sorted} (ascending), interpolated between the two nearest
   * ranks as Excel's PERCENTILE.INC and MEDIAN do, so the exported CSV gives the same figures.
   */
  static Optional<Duration> percentile(List<Duration> sorted, double p) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.size() - 1);
    long low = sorted.get(below).toMillis();
    long high = sorted.get(above).toMillis();
    return Optional.of(Duration.ofMillis(Math.round(low + (rank - below) * (high - low))));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
