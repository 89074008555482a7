package cn.certhall.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final WorkingDays PLAIN = new WorkingDays(Set.of(), Set.of(), CHINA);

    static Instant china(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
    }

    @Test
    void aFridaySubmissionIsDueOnWednesday() {
        assertThat(PLAIN.deadline(china("2027-06-11T15:00"), 3)).isEqualTo(LocalDate.of(2027, 6, 16));
    }

    @Test
    void theDayIsChinasNotUtcs() {
        // Friday 07:30 in China is still Thursday in UTC: due Wednesday, not Tuesday
        assertThat(PLAIN.deadline(china("2027-06-11T07:30"), 3)).isEqualTo(LocalDate.of(2027, 6, 16));
    }

    @Test
    void holidaysDoNotCountAndMakeUpDaysDo() {
        WorkingDays days = new WorkingDays(
                Set.of(LocalDate.of(2027, 10, 1), LocalDate.of(2027, 10, 4)),
                Set.of(LocalDate.of(2027, 10, 9)),
                CHINA);

        // Thursday 30 Sept: Fri 1 Oct holiday, weekend, Mon 4 holiday, Tue 5, Wed 6, Thu 7
        assertThat(days.deadline(china("2027-09-30T10:00"), 3)).isEqualTo(LocalDate.of(2027, 10, 7));
        // Friday 8 Oct: Saturday 9 is worked
        assertThat(days.deadline(china("2027-10-08T10:00"), 3)).isEqualTo(LocalDate.of(2027, 10, 12));
    }

    @Test
    void overdueFromTheDayAfterTheDeadline() {
        Instant submitted = china("2027-06-11T15:00");

        assertThat(PLAIN.isOverdue(submitted, 3, china("2027-06-16T23:59:59"))).isFalse();
        assertThat(PLAIN.isOverdue(submitted, 3, china("2027-06-17T00:00"))).isTrue();
    }
}
