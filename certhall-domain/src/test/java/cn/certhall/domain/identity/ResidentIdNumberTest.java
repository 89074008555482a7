package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class ResidentIdNumberTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

  @ParameterizedTest
  @CsvSource({
    "11010519491231002X", // SPEC 5: check digit 10, written X
    "440524188001010014", // the example of GB 11643-1999, born 1880
    "310115199003074560",
    "330102198507150034",
    "11010120000229123X", // 29 February of a leap year
    "110105180001010010", // the earliest birth date accepted
    "440306202605011231", // born today
  })
  void accepts_numbers_with_a_real_birth_date_and_the_right_check_digit(String number) {
    assertThat(ResidentIdNumber.validate(number, TODAY).value()).isEqualTo(number);
  }

  @ParameterizedTest
  @CsvSource({
    "11010519491231002x, 11010519491231002X",
    "' 110105 19491231 002x ', 11010519491231002X",
    "１１０１０５１９４９１２３１００２Ｘ, 11010519491231002X",
  })
  void normalises_lower_case_x_blanks_and_full_width_digits(String input, String normalised) {
    assertThat(ResidentIdNumber.validate(input, TODAY).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "' ', EMPTY",
    "1101051949123100X2, BAD_CHARACTER", // X only as the last character
    "11010519491231002Y, BAD_CHARACTER",
    "110105-19491231002X, BAD_CHARACTER",
    "110105491231002, BAD_LENGTH", // a first-generation 15-digit number
    "11010519491231002, BAD_LENGTH",
    "1101051949123100211, BAD_LENGTH",
    "1101051949123100X, BAD_LENGTH",
    "110105194913010029, BAD_BIRTH_DATE", // month 13; right check digit
    "110105194900010011, BAD_BIRTH_DATE", // month 00
    "110105200002300015, BAD_BIRTH_DATE", // 30 February
    "110105202302290014, BAD_BIRTH_DATE", // 29 February of a common year
    "110105190002290017, BAD_BIRTH_DATE", // 1900 was not a leap year
    "110105179912310016, BAD_BIRTH_DATE", // before 1800
    "440306202605021237, BIRTH_DATE_IN_FUTURE", // born tomorrow
    "110105194912310021, BAD_CHECK_CHARACTER",
    "11010519491231003X, BAD_CHECK_CHARACTER",
    "11010519491231020X, BAD_CHECK_CHARACTER", // two digits swapped
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(ResidentIdNumber.validate(input, TODAY).failure())
        .isEqualTo(new ValidationFailure(Field.RESIDENT_ID_NUMBER, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(ResidentIdNumber.validate(input, TODAY).failure().error())
        .isEqualTo(ValidationError.EMPTY);
  }

  @Test
  void takes_today_in_china_time_from_a_clock() {
    // 2026-04-30 16:30 UTC is already 1 May in China: someone born on 1 May exists.
    Clock clock = Clock.fixed(Instant.parse("2026-04-30T16:30:00Z"), ZoneOffset.UTC);

    assertThat(ResidentIdNumber.validate("440306202605011231", clock).isValid()).isTrue();
    assertThat(ResidentIdNumber.validate("440306202605021237", clock).failure().error())
        .isEqualTo(ValidationError.BIRTH_DATE_IN_FUTURE);
  }
}
