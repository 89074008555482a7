package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class EmailAddressTest {

  @ParameterizedTest
  @CsvSource({
    "alice@example.com, alice@example.com",
    "Alice.Smith@Example.COM, Alice.Smith@example.com", // only the domain is lower-cased
    "'  bob+cert@mail.example.cn ', bob+cert@mail.example.cn",
    "张三@例子.中国, 张三@例子.中国",
    "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ, alice@example.com",
  })
  void normalises_the_domain_to_lower_case(String input, String normalised) {
    assertThat(EmailAddress.validate(input).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "'   ', EMPTY",
    "'a b@example.com', BAD_CHARACTER",
    "'alice@exa mple.com', BAD_CHARACTER",
    "alice.example.com, BAD_FORMAT",
    "alice@@example.com, BAD_FORMAT",
    "alice@bob@example.com, BAD_FORMAT",
    "@example.com, BAD_FORMAT",
    "alice@, BAD_FORMAT",
    "alice@example, BAD_FORMAT",
    "alice@.example.com, BAD_FORMAT",
    "alice@example.com., BAD_FORMAT",
    "alice@example..com, BAD_FORMAT",
  })
  void refuses_with_the_reason(String input, ValidationError error) {
    assertThat(EmailAddress.validate(input).failure())
        .isEqualTo(new ValidationFailure(Field.EMAIL_ADDRESS, error));
  }

  @ParameterizedTest
  @NullSource
  void refuses_nothing_as_empty(String input) {
    assertThat(EmailAddress.validate(input).failure().error()).isEqualTo(ValidationError.EMPTY);
  }

  @Test
  void takes_254_characters_and_no_more() {
    String longest =
        "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

    assertThat(longest).hasSize(254);
    assertThat(EmailAddress.validate(longest).isValid()).isTrue();
    assertThat(EmailAddress.validate(longest + "d").failure().error())
        .isEqualTo(ValidationError.BAD_LENGTH);
  }

  @Test
  void takes_64_characters_before_the_at_sign_and_no_more() {
    assertThat(EmailAddress.validate("a".repeat(64) + "@example.com").isValid()).isTrue();
    assertThat(EmailAddress.validate("a".repeat(65) + "@example.com").failure().error())
        .isEqualTo(ValidationError.BAD_FORMAT);
  }
}
