package cn.certhall.app.calendar;

import cn.certhall.domain.calendar.WorkingCalendar;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working-day calendar (工作日): the public holidays and the make-up working days (调休), as the
 * State Council publishes them each November. Each entry is a day ({@code 2026-05-09}) or an
 * inclusive range ({@code 2026-10-01..2026-10-07}). application.yml carries 2026's.
 */
@ConfigurationProperties("certhall.calendar")
public record CalendarProperties(List<String> holidays, List<String> makeUpWorkingDays) {

  public WorkingCalendar calendar() {
    return new WorkingCalendar(
        days(holidays, "certhall.calendar.holidays"),
        days(makeUpWorkingDays, "certhall.calendar.make-up-working-days"));
  }

  static List<LocalDate> days(List<String> entries, String setting) {
    List<LocalDate> days = new ArrayList<>();
    if (entries == null) {
      return days;
    }
    for (String entry : entries) {
      try {
        String[] ends = entry.strip().split("\\.\\.", 2);
        LocalDate first = LocalDate.parse(ends[0].strip());
        LocalDate last = ends.length == 2 ? LocalDate.parse(ends[1].strip()) : first;
        if (last.isBefore(first) || first.plusDays(62).isBefore(last)) {
          throw new IllegalArgumentException(
              setting + ": " + entry + " is not a range of at most two months");
        }
        first.datesUntil(last.plusDays(1)).forEach(days::add);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            setting
                + ": "
                + entry
                + " is neither a day (2026-05-09) nor a range (2026-10-01..2026-10-07)",
            e);
      }
    }
    return days;
  }
}
