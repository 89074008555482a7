package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class CorporateAccountNumberTest {

  @ParameterizedTest
  @CsvSource({
    "123456, 123456", // the shortest
    "12345678901234567890123456789012, 12345678901234567890123456789012", // the longest
    "'0200 0012 0902 4567 8890', 02000012090245678890",
    "6222020200112233, 6222020200112233", // fails Luhn: no matter for an account
    "１１００１０１６４０００５３００１２３４, 11001016400053001234",
  })
  void accepts_digits_without_a_check_digit(String input, String normalised) {
    assertThat(CorporateAccountNumber.validate(input).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "' ', EMPTY",
    "1234-5678, BAD_CHARACTER",
    "NO123456, BAD_CHARACTER",
    "12345, BAD_LENGTH",
    "123456789012345678901234567890123, BAD_LENGTH",
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(CorporateAccountNumber.validate(input).failure())
        .isEqualTo(new ValidationFailure(Field.CORPORATE_ACCOUNT_NUMBER, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(CorporateAccountNumber.validate(input).failure().error())
        .isEqualTo(ValidationError.EMPTY);
  }
}
