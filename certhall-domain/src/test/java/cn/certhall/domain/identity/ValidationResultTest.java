package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidationResultTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

  @Test
  void a_valid_result_has_a_value_and_no_failure() {
    ValidationResult result = MobileNumber.validate("13812345678");

    assertThat(result.isValid()).isTrue();
    assertThat(result.value()).isEqualTo("13812345678");
    assertThatThrownBy(result::failure).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void an_invalid_result_has_a_failure_and_no_value() {
    ValidationResult result = MobileNumber.validate("1381234567");

    assertThat(result.isValid()).isFalse();
    assertThat(result.failure())
        .isEqualTo(new ValidationFailure(Field.MOBILE_NUMBER, ValidationError.BAD_LENGTH));
    assertThatThrownBy(result::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("1381234567");
  }

  @Test
  void to_string_never_shows_the_value() {
    assertThat(ResidentIdNumber.validate("11010519491231002X", TODAY)).hasToString("valid");
    assertThat(ResidentIdNumber.validate("110105194912310021", TODAY))
        .hasToString("invalid RESIDENT_ID_NUMBER: BAD_CHECK_CHARACTER");
  }
}
