package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class BankCardNumberTest {

  @ParameterizedTest
  @CsvSource({
    "6222020200112230, 6222020200112230",
    "6226090000000048, 6226090000000048",
    "4111111111111111, 4111111111111111",
    "623456789014, 623456789014", // 12 digits, the shortest
    "6217000000000000004, 6217000000000000004", // 19 digits, the longest
    "'6222 0202 0011 2230', 6222020200112230",
    "'6217 0000 0000 0000 004', 6217000000000000004",
    "６２２２０２０２００１１２２３０, 6222020200112230",
  })
  void accepts_numbers_that_pass_luhn(String input, String normalised) {
    assertThat(BankCardNumber.validate(input).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "'    ', EMPTY",
    "6222-0202-0011-2230, BAD_CHARACTER",
    "6222O20200112230, BAD_CHARACTER", // letter O
    "62345678901, BAD_LENGTH",
    "62170000000000000004, BAD_LENGTH",
    "6222020200112233, BAD_CHECK_CHARACTER",
    "4111111111111112, BAD_CHECK_CHARACTER",
    "6222020200112203, BAD_CHECK_CHARACTER", // two digits swapped
    "6226090000000084, BAD_CHECK_CHARACTER",
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(BankCardNumber.validate(input).failure())
        .isEqualTo(new ValidationFailure(Field.BANK_CARD_NUMBER, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(BankCardNumber.validate(input).failure().error()).isEqualTo(ValidationError.EMPTY);
  }
}
