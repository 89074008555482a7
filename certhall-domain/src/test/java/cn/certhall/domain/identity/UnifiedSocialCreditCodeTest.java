package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class UnifiedSocialCreditCodeTest {

  @ParameterizedTest
  @CsvSource({
    "91350100M000100Y43", // SPEC 5
    "914403001922038216", // a Shenzhen company, check digit 6
    "9144030071526726XG", // X inside, check letter G
    "11100000000013127D", // a central government body
    "52110000500000146L", // a social organization
    "91310000MA1FL0000N",
    "Y1110108MA0000001P",
    "W1350100M000100Y4F", // W is no registering authority today: not refused for that
  })
  void accepts_codes_with_the_right_check_character(String code) {
    assertThat(UnifiedSocialCreditCode.validate(code).value()).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({
    "' 91350100m000100y43 ', 91350100M000100Y43",
    "'91350100 M000100 Y43', 91350100M000100Y43",
    "９１３５０１００Ｍ０００１００Ｙ４３, 91350100M000100Y43", // full-width, as some input methods type it
    "'\u300091350100M000100Y43\u3000', 91350100M000100Y43", // ideographic spaces
  })
  void normalises_case_blanks_and_full_width_characters(String input, String normalised) {
    assertThat(UnifiedSocialCreditCode.validate(input).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "'   ', EMPTY",
    "9135010OM000100Y43, BAD_CHARACTER", // letter O for zero
    "91350100M000100Y4I, BAD_CHARACTER", // I is not in the alphabet
    "91350100M000100S43, BAD_CHARACTER", // nor is S
    "9135-0100M000100Y43, BAD_CHARACTER",
    "91350100M000100Y4, BAD_LENGTH",
    "91350100M000100Y433, BAD_LENGTH",
    "350100M000100Y43, BAD_LENGTH",
    "91A50100M000100Y42, BAD_FORMAT", // right check character, letter in the area code
    "9135010AM000100Y4K, BAD_FORMAT", // the same at the area code's last place
    "91350100M000100Y44, BAD_CHECK_CHARACTER",
    "91351000M000100Y43, BAD_CHECK_CHARACTER", // two digits swapped
    "91350100M000010Y43, BAD_CHECK_CHARACTER",
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(UnifiedSocialCreditCode.validate(input).failure())
        .isEqualTo(new ValidationFailure(Field.UNIFIED_SOCIAL_CREDIT_CODE, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(UnifiedSocialCreditCode.validate(input).failure().error())
        .isEqualTo(ValidationError.EMPTY);
  }
}
