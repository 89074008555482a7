package cn.certhall.app.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.calendar.WorkingCalendar;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class CalendarPropertiesTest {

  @Test
  void application_yml_carries_the_2026_notice() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application", new ClassPathResource("application.yml"))
        .forEach(environment.getPropertySources()::addLast);
    CalendarProperties properties =
        new Binder(ConfigurationPropertySources.get(environment))
            .bind("certhall.calendar", CalendarProperties.class)
            .get();

    WorkingCalendar configured = properties.calendar();
    WorkingCalendar notice = WorkingCalendar.china2026();
    LocalDate.parse("2026-01-01")
        .datesUntil(LocalDate.parse("2027-01-01"))
        .forEach(
            day ->
                assertThat(configured.isWorkingDay(day))
                    .as(day.toString())
                    .isEqualTo(notice.isWorkingDay(day)));
  }

  @Test
  void days_and_ranges_are_read_and_nonsense_is_named() {
    assertThat(CalendarProperties.days(List.of("2026-10-01..2026-10-03", " 2026-05-09 "), "x"))
        .containsExactly(
            LocalDate.parse("2026-10-01"),
            LocalDate.parse("2026-10-02"),
            LocalDate.parse("2026-10-03"),
            LocalDate.parse("2026-05-09"));
    assertThatThrownBy(
            () ->
                CalendarProperties.days(
                    List.of("2026-10-07..2026-10-01"), "certhall.calendar.holidays"))
        .hasMessageContaining("certhall.calendar.holidays");
    assertThatThrownBy(
            () -> CalendarProperties.days(List.of("1 October"), "certhall.calendar.holidays"))
        .hasMessageContaining("neither a day");
  }
}
