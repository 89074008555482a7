package cn.certhall.domain.calendar;

import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 等待审核: a reviewer decides within 3 working days of submission (SPEC 3.1 step 9). The day of
 * submission does not count, whatever the hour: an order submitted on Friday morning or on Sunday
 * night is due by the end of Wednesday (China time), unless a holiday or a make-up working day
 * falls in between.
 */
public final class ReviewDeadline {

  /** The working days a reviewer has. */
  public static final int WORKING_DAYS = 3;

  private final WorkingCalendar calendar;
  private final ZoneId zone;

  public ReviewDeadline(WorkingCalendar calendar, ZoneId zone) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The last day on which the decision is due, for an order submitted at {@code submittedAt}. */
  public LocalDate decisionDue(Instant submittedAt) {
    LocalDate submitted = submittedAt.atZone(zone).toLocalDate();
    return calendar.plusWorkingDays(submitted, WORKING_DAYS);
  }

  /**
   * When the decision on {@code order} is due: 3 working days after it last moved to {@code
   * WAITING_FOR_REVIEW}; empty unless it is waiting for review now.
   */
  public Optional<LocalDate> decisionDue(Order order) {
    if (order.status() != OrderStatus.WAITING_FOR_REVIEW) {
      return Optional.empty();
    }
    List<StatusChange> history = order.history();
    return Optional.of(decisionDue(history.get(history.size() - 1).at()));
  }

  /**
   * Whether the decision on an order submitted at {@code submittedAt} is past due at {@code now}.
   */
  public boolean overdue(Instant submittedAt, Instant now) {
    return !now.isBefore(decisionDueBy(submittedAt));
  }

  /**
   * The working days that passed after the due day, up to and including the day of {@code now}: 0
   * while not overdue, and on the days off right after the due day.
   */
  public int workingDaysOverdue(Instant submittedAt, Instant now) {
    return calendar.workingDaysBetween(decisionDue(submittedAt), day(now));
  }

  /** The day (China time) of {@code at}. */
  public LocalDate day(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  /** The end of {@link #decisionDue}: the first instant of the next day, exclusive. */
  public Instant decisionDueBy(Instant submittedAt) {
    return decisionDue(submittedAt).plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(zone).toInstant();
  }
}
