package cn.certhall.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days (工作日) in mainland China: Monday to Friday, except the public holidays (法定节假日 and the
 * days off around them), plus the make-up working days (调休上班) that fall on a weekend. The State
 * Council publishes both lists each November for the next year, so they are configuration, not
 * code: {@link #china2026()} is the default, and a year whose lists were not configured is counted
 * as plain Monday-to-Friday ({@link #isConfigured} lets the app warn).
 */
public final class WorkingCalendar {
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkingDays;
  private final Set<Integer> configuredYears;

  /**
   * @param holidays days off that would otherwise be working days (weekend days may be listed; they
   *     are off anyway)
   * @param makeUpWorkingDays weekend days that are working days (调休)
   * @throws IllegalArgumentException if a day is in both lists
   */
  public WorkingCalendar(Collection<LocalDate> holidays, Collection<LocalDate> makeUpWorkingDays) {
    this.holidays = Set.copyOf(holidays);
    this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
    for (LocalDate day : this.makeUpWorkingDays) {
      if (this.holidays.contains(day)) {
        throw new IllegalArgumentException(day + " is both a holiday and a make-up working day");
      }
    }
    Set<Integer> years = new TreeSet<>();
    this.holidays.forEach(day -> years.add(day.getYear()));
    this.makeUpWorkingDays.forEach(day -> years.add(day.getYear()));
    this.configuredYears = Set.copyOf(years);
  }

  /**
   * The 2026 arrangement of the State Council (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025): 元旦 1–3
   * Jan (work 4 Jan); 春节 15–23 Feb (work 14 and 28 Feb); 清明 4–6 Apr; 劳动节 1–5 May (work 9 May); 端午
   * 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct (work 20 Sep and 10 Oct).
   */
  public static WorkingCalendar china2026() {
    return new WorkingCalendar(
        days(
            range("2026-01-01", "2026-01-03"),
            range("2026-02-15", "2026-02-23"),
            range("2026-04-04", "2026-04-06"),
            range("2026-05-01", "2026-05-05"),
            range("2026-06-19", "2026-06-21"),
            range("2026-09-25", "2026-09-27"),
            range("2026-10-01", "2026-10-07")),
        days(
            range("2026-01-04", "2026-01-04"),
            range("2026-02-14", "2026-02-14"),
            range("2026-02-28", "2026-02-28"),
            range("2026-05-09", "2026-05-09"),
            range("2026-09-20", "2026-09-20"),
            range("2026-10-10", "2026-10-10")));
  }

  /** Whether people work on {@code day}. */
  public boolean isWorkingDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (makeUpWorkingDays.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
  }

  /**
   * The {@code n}th working day after {@code day}; {@code day} itself never counts, working day or
   * not.
   */
  public LocalDate plusWorkingDays(LocalDate day, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    LocalDate current = day;
    int counted = 0;
    while (counted < n) {
      current = current.plusDays(1);
      if (isWorkingDay(current)) {
        counted++;
      }
    }
    return current;
  }

  /**
   * The working days after {@code after} up to and including {@code until}: 0 when {@code until} is
   * not later, or only days off lie between.
   */
  public int workingDaysBetween(LocalDate after, LocalDate until) {
    int counted = 0;
    for (LocalDate day = after.plusDays(1); !day.isAfter(until); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return counted;
  }

  /** Whether holidays or make-up days are configured for {@code year}. */
  public boolean isConfigured(Year year) {
    return configuredYears.contains(year.getValue());
  }

  private static LocalDate[] range(String first, String last) {
    LocalDate from = LocalDate.parse(first);
    LocalDate to = LocalDate.parse(last);
    return from.datesUntil(to.plusDays(1)).toArray(LocalDate[]::new);
  }

  private static Set<LocalDate> days(LocalDate[]... ranges) {
    Set<LocalDate> all = new TreeSet<>();
    for (LocalDate[] range : ranges) {
      all.addAll(List.of(range));
    }
    return all;
  }
}
