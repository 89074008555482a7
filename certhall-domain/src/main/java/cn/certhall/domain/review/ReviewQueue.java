package cn.certhall.domain.review;

import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.order.BusinessType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The review queue (待审核): orders waiting for review, oldest submission first, each with its {@link
 * ReviewDeadline} (3 working days), whether it is due today or overdue and by how many working
 * days. A resubmitted order's time starts again at its resubmission.
 */
public final class ReviewQueue {
  private final Source source;
  private final ReviewDeadline deadline;
  private final Clock clock;

  public ReviewQueue(Source source, ReviewDeadline deadline, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Port: the waiting orders as stored. */
  public interface Source {
    /** Orders waiting for review, by their last entry into the state, oldest first. */
    List<Waiting> oldestFirst(int limit);
  }

  /**
   * @param claimedBy the reviewer holding the order's claim, or null (a lapsed claim included)
   */
  public record Waiting(
      String orderId,
      BusinessType businessType,
      String organizationName,
      Instant submittedAt,
      String claimedBy,
      Instant claimExpiresAt) {}

  public record Item(
      String orderId,
      BusinessType businessType,
      String organizationName,
      Instant submittedAt,
      LocalDate deadline,
      boolean dueToday,
      boolean overdue,
      int workingDaysOverdue,
      String claimedBy) {}

  public List<Item> items(int limit) {
    Instant now = clock.instant();
    LocalDate today = deadline.day(now);
    return source.oldestFirst(limit).stream()
        .map(
            w ->
                new Item(
                    w.orderId(),
                    w.businessType(),
                    w.organizationName(),
                    w.submittedAt(),
                    deadline.decisionDue(w.submittedAt()),
                    !deadline.overdue(w.submittedAt(), now)
                        && deadline.decisionDue(w.submittedAt()).equals(today),
                    deadline.overdue(w.submittedAt(), now),
                    deadline.workingDaysOverdue(w.submittedAt(), now),
                    w.claimedBy() != null && now.isBefore(w.claimExpiresAt())
                        ? w.claimedBy()
                        : null))
        .toList();
  }
}
