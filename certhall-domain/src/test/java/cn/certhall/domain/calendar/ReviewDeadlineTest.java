package cn.certhall.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.certificate.CertificateRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewDeadlineTest {
  private final WorkingCalendar calendar = WorkingCalendar.china2026();
  private final ReviewDeadline deadline = new ReviewDeadline(calendar, CertificateRules.CHINA_TIME);

  private static Instant china(String localDateTime) {
    return LocalDate.parse(localDateTime.substring(0, 10))
        .atTime(LocalTime.parse(localDateTime.substring(11)))
        .atZone(CertificateRules.CHINA_TIME)
        .toInstant();
  }

  @Test
  void overdue_is_counted_in_working_days_after_the_due_day() {
    // Mon 28 Sep → Tue 29, Wed 30, 国庆 1–7 Oct off → Thu 8 Oct is the last day
    Instant submitted = china("2026-09-28T09:00");
    assertThat(deadline.overdue(submitted, china("2026-10-08T23:59"))).isFalse();
    assertThat(deadline.workingDaysOverdue(submitted, china("2026-10-08T23:59"))).isZero();
    assertThat(deadline.overdue(submitted, china("2026-10-09T00:00"))).isTrue();
    assertThat(deadline.workingDaysOverdue(submitted, china("2026-10-09T00:00"))).isEqualTo(1);
    // Sat 10 Oct is a make-up working day, Sun 11 is not
    assertThat(deadline.workingDaysOverdue(submitted, china("2026-10-11T12:00"))).isEqualTo(2);
    // Fri 25 Sep → Mon 28 … Wed 30 due; the holiday week adds nothing
    Instant beforeHoliday = china("2026-09-24T11:00");
    assertThat(deadline.workingDaysOverdue(beforeHoliday, china("2026-10-07T12:00"))).isZero();
    assertThat(deadline.overdue(beforeHoliday, china("2026-10-07T12:00"))).isTrue();
  }

  @Test
  void a_weekend_does_not_count() {
    // Thursday 26 Nov 2026 → Fri 27, Mon 30, Tue 1 Dec
    assertThat(deadline.decisionDue(china("2026-11-26T10:00"))).isEqualTo("2026-12-01");
    // Friday → Mon, Tue, Wed
    assertThat(deadline.decisionDue(china("2026-11-27T09:00"))).isEqualTo("2026-12-02");
  }

  @Test
  void the_day_of_submission_never_counts_and_the_day_is_china_time() {
    // Sunday 23:30 in Beijing is still Sunday: Mon, Tue, Wed
    assertThat(deadline.decisionDue(china("2026-11-29T23:30"))).isEqualTo("2026-12-02");
    // 17:00 UTC on Thursday is 01:00 on Friday in Beijing: Mon, Tue, Wed
    assertThat(deadline.decisionDue(Instant.parse("2026-11-26T17:00:00Z"))).isEqualTo("2026-12-02");
    assertThat(deadline.decisionDueBy(Instant.parse("2026-11-26T17:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
  }

  @Test
  void public_holidays_do_not_count_and_a_make_up_saturday_does() {
    // 30 Sep → 国庆 1–7 Oct off → Thu 8, Fri 9, Sat 10 Oct (调休上班)
    assertThat(deadline.decisionDue(china("2026-09-30T15:00"))).isEqualTo("2026-10-10");
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-05"))).as("holiday Monday").isFalse();
  }

  @Test
  void the_spring_festival_make_up_day_before_the_holiday_counts() {
    // Fri 13 Feb → Sat 14 Feb (调休上班), 春节 15–23 Feb off → Tue 24, Wed 25
    assertThat(deadline.decisionDue(china("2026-02-13T16:00"))).isEqualTo("2026-02-25");
    // a plain Saturday without 调休 is off: Fri 6 Feb → Mon 9, Tue 10, Wed 11
    assertThat(deadline.decisionDue(china("2026-02-06T16:00"))).isEqualTo("2026-02-11");
  }

  @Test
  void the_2026_lists_match_the_state_council_notice() {
    // 261 weekdays − 19 weekday holidays + 6 make-up weekend days
    assertThat(
            LocalDate.parse("2026-01-01")
                .datesUntil(LocalDate.parse("2027-01-01"))
                .filter(calendar::isWorkingDay)
                .count())
        .isEqualTo(248);
    assertThat(calendar.isConfigured(Year.of(2026))).isTrue();
    assertThat(calendar.isConfigured(Year.of(2027))).isFalse();
  }

  @Test
  void a_day_cannot_be_both_off_and_a_working_day() {
    LocalDate day = LocalDate.parse("2027-01-01");
    assertThatThrownBy(() -> new WorkingCalendar(List.of(day), List.of(day)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_unconfigured_year_is_monday_to_friday() {
    WorkingCalendar plain = new WorkingCalendar(List.of(), List.of());
    // Fri 1 Jan 2027 (a holiday in fact, but not configured) → Mon 4, Tue 5, Wed 6
    assertThat(plain.plusWorkingDays(LocalDate.parse("2026-12-31"), 3)).isEqualTo("2027-01-05");
  }
}
