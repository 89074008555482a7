package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class MobileNumberTest {

  @ParameterizedTest
  @CsvSource({
    "13812345678, 13812345678",
    "19912345678, 19912345678",
    "16612345678, 16612345678",
    "'138 1234 5678', 13812345678",
    "138-1234-5678, 13812345678",
    "+8613812345678, 13812345678",
    "'+86 138 1234 5678', 13812345678",
    "+86-138-1234-5678, 13812345678",
    "8613812345678, 13812345678",
    "'0086 13812345678', 13812345678",
    "１３８１２３４５６７８, 13812345678",
    "＋８６１３８１２３４５６７８, 13812345678",
  })
  void normalises_to_eleven_digits(String input, String normalised) {
    assertThat(MobileNumber.validate(input).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "' - ', EMPTY",
    "1381234567a, BAD_CHARACTER",
    "(138)12345678, BAD_CHARACTER",
    "1381234567, BAD_LENGTH",
    "138123456789, BAD_LENGTH",
    "+861381234567, BAD_LENGTH",
    "12812345678, NOT_MAINLAND_MOBILE", // no mainland mobile starts 12
    "10612345678, NOT_MAINLAND_MOBILE",
    "23812345678, NOT_MAINLAND_MOBILE",
    "86138123456, NOT_MAINLAND_MOBILE", // 86 is a prefix only in front of 11 digits
    "+85291234567, NOT_MAINLAND_MOBILE", // Hong Kong
    "'+1 415 555 0100', NOT_MAINLAND_MOBILE",
    "'00852 9123 4567', NOT_MAINLAND_MOBILE",
    "'+86 128 1234 5678', NOT_MAINLAND_MOBILE",
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(MobileNumber.validate(input).failure())
        .isEqualTo(new ValidationFailure(Field.MOBILE_NUMBER, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(MobileNumber.validate(input).failure().error()).isEqualTo(ValidationError.EMPTY);
  }
}
