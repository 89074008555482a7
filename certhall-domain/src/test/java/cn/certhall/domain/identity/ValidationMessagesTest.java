package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ValidationMessagesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UNIFIED_SOCIAL_CREDIT_CODE | BAD_CHECK_CHARACTER | 统一社会信用代码校验位不正确",
        "UNIFIED_SOCIAL_CREDIT_CODE | BAD_LENGTH | 统一社会信用代码应为18位",
        "RESIDENT_ID_NUMBER | BAD_BIRTH_DATE | 身份证号码中的出生日期不正确",
        "RESIDENT_ID_NUMBER | BIRTH_DATE_IN_FUTURE | 身份证号码中的出生日期不能晚于今天",
        "ID_TYPE | EMPTY | 请选择证件类型",
        "MOBILE_NUMBER | EMPTY | 请填写手机号码",
        "MOBILE_NUMBER | NOT_MAINLAND_MOBILE | 仅支持中国大陆手机号码",
        "BANK_CARD_NUMBER | BAD_LENGTH | 银行卡号应为12至19位数字",
        "CORPORATE_ACCOUNT_NUMBER | BAD_LENGTH | 对公账号应为6至32位数字",
        "EMAIL_ADDRESS | BAD_FORMAT | 电子邮箱格式不正确",
      })
  void words_failures_in_chinese(Field field, ValidationError error, String message) {
    assertThat(ValidationMessages.chinese(new ValidationFailure(field, error))).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UNIFIED_SOCIAL_CREDIT_CODE | BAD_CHECK_CHARACTER | The check character of the unified social credit code is wrong.",
        "RESIDENT_ID_NUMBER | BAD_CHARACTER | The resident ID number may contain only digits, and X as the last character.",
        "ID_TYPE | EMPTY | Choose an ID type.",
        "BANK_CARD_NUMBER | BAD_LENGTH | The bank card number must be 12 to 19 digits long.",
        "EMAIL_ADDRESS | BAD_LENGTH | The e-mail address may be at most 254 characters long.",
      })
  void words_failures_in_english(Field field, ValidationError error, String message) {
    assertThat(ValidationMessages.english(new ValidationFailure(field, error))).isEqualTo(message);
  }

  @ParameterizedTest
  @EnumSource(Field.class)
  void every_reason_has_its_own_message_in_both_languages(Field field) {
    Set<String> chinese = new HashSet<>();
    Set<String> english = new HashSet<>();
    for (ValidationError error : ValidationError.values()) {
      ValidationFailure failure = new ValidationFailure(field, error);
      chinese.add(ValidationMessages.chinese(failure));
      english.add(ValidationMessages.english(failure));
    }

    assertThat(chinese)
        .hasSize(ValidationError.values().length)
        .allMatch(
            message ->
                message
                    .codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    assertThat(english)
        .hasSize(ValidationError.values().length)
        .allMatch(message -> message.chars().allMatch(c -> c < 128) && message.endsWith("."));
  }

  @Test
  void chooses_english_for_an_english_locale_and_chinese_otherwise() {
    ValidationFailure failure =
        new ValidationFailure(Field.MOBILE_NUMBER, ValidationError.BAD_LENGTH);

    assertThat(ValidationMessages.message(failure, Locale.UK))
        .isEqualTo("The mobile number must be 11 digits long.");
    assertThat(ValidationMessages.message(failure, Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("手机号码应为11位");
    assertThat(ValidationMessages.message(failure, Locale.GERMANY)).isEqualTo("手机号码应为11位");
  }
}
