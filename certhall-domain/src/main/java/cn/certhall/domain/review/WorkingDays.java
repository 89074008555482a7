package cn.certhall.domain.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Working days (工作日) in China time, for the review deadline of SPEC 3.1 step 9 ("within 3
 * working days"). Monday to Friday, except the configured public holidays, plus the configured
 * make-up working days (调休, a Saturday or Sunday worked instead of a holiday bridge day).
 *
 * <p>The deadline of an order submitted on day D is the end of the third working day after D:
 * submitted on Friday afternoon, due by Wednesday evening. The day of submission never counts, so
 * a submission at 23:59 gets the same three days as one at 08:00.
 */
public final class WorkingDays {
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;
    private final ZoneId zone;

    public WorkingDays(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays, ZoneId zone) {
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The last day on which an order submitted at {@code submitted} is still in time. */
    public LocalDate deadline(Instant submitted, int workingDays) {
        LocalDate day = submitted.atZone(zone).toLocalDate();
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Whether {@code now} is after the end of the deadline day. */
    public boolean isOverdue(Instant submitted, int workingDays, Instant now) {
        return now.atZone(zone).toLocalDate().isAfter(deadline(submitted, workingDays));
    }

    public ZoneId zone() {
        return zone;
    }
}
