package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

  @ParameterizedTest
  @CsvSource({
    "RESIDENT_ID_CARD, 11010519491231002x, 11010519491231002X",
    "PASSPORT, E12345678, E12345678",
    "PASSPORT, ea1234567, EA1234567",
    "PASSPORT, 'G 1234 5678', G12345678",
    "PASSPORT, 12345, 12345",
    "PASSPORT, 12345678901234567, 12345678901234567",
    "HONG_KONG_MACAO_PERMIT, H12345678, H12345678", // 回乡证
    "HONG_KONG_MACAO_PERMIT, m1234567801, M1234567801", // with the issue count
    "HONG_KONG_MACAO_PERMIT, A123456(7), A1234567", // Hong Kong identity card
    "HONG_KONG_MACAO_PERMIT, AB123456(A), AB123456A",
    "HONG_KONG_MACAO_PERMIT, Ａ１２３４５６（７）, A1234567",
    "HONG_KONG_MACAO_PERMIT, 1234567(8), 12345678", // Macao identity card
    "TAIWAN_RESIDENT_PERMIT, 12345678, 12345678",
    "TAIWAN_RESIDENT_PERMIT, 1234567890, 1234567890",
    "TAIWAN_RESIDENT_PERMIT, 12345678(01), 1234567801",
    "MILITARY_OFFICER_CARD, 南字第1234567号, 南字第1234567号",
    "MILITARY_OFFICER_CARD, 军字第 ab12 号, 军字第AB12号",
    "ARMED_POLICE_CARD, 武警字第0012345号, 武警字第0012345号",
    "SOLDIER_CARD, 1234, 1234",
    "SOLDIER_CARD, 士字第12345678901234567, 士字第12345678901234567",
  })
  void accepts_and_normalises(IdType type, String input, String normalised) {
    assertThat(IdNumber.validate(type, input, TODAY).value()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "PASSPORT, '', EMPTY",
    "PASSPORT, E1234567-8, BAD_CHARACTER",
    "PASSPORT, 护照12345, BAD_CHARACTER",
    "PASSPORT, E123, BAD_LENGTH",
    "PASSPORT, 123456789012345678, BAD_LENGTH",
    "HONG_KONG_MACAO_PERMIT, ' ', EMPTY",
    "HONG_KONG_MACAO_PERMIT, H1234567-8, BAD_CHARACTER",
    "HONG_KONG_MACAO_PERMIT, H1234, BAD_LENGTH",
    "HONG_KONG_MACAO_PERMIT, H123456789012, BAD_LENGTH",
    "HONG_KONG_MACAO_PERMIT, X12345678, BAD_FORMAT", // neither H nor M
    "HONG_KONG_MACAO_PERMIT, H123456789, BAD_FORMAT", // 9 digits
    "HONG_KONG_MACAO_PERMIT, 2345678(9), BAD_FORMAT", // Macao cards start 1, 5 or 7
    "TAIWAN_RESIDENT_PERMIT, T1234567, BAD_CHARACTER",
    "TAIWAN_RESIDENT_PERMIT, 1234567, BAD_LENGTH",
    "TAIWAN_RESIDENT_PERMIT, 123456789, BAD_LENGTH",
    "MILITARY_OFFICER_CARD, 南字第123-4号, BAD_CHARACTER",
    "ARMED_POLICE_CARD, No.1234, BAD_CHARACTER",
    "SOLDIER_CARD, 123, BAD_LENGTH",
    "SOLDIER_CARD, 士字第123456789012345678, BAD_LENGTH",
  })
  void refuses_other_documents_as_an_id_number(IdType type, String input, ValidationError error) {
    assertThat(IdNumber.validate(type, input, TODAY).failure())
        .isEqualTo(new ValidationFailure(Field.ID_NUMBER, error));
  }

  @ParameterizedTest
  @CsvSource({
    "110105194912310021, BAD_CHECK_CHARACTER",
    "440306202605021237, BIRTH_DATE_IN_FUTURE",
    "'', EMPTY",
  })
  void refuses_a_resident_id_card_as_a_resident_id_number(String input, ValidationError error) {
    assertThat(IdNumber.validate(IdType.RESIDENT_ID_CARD, input, TODAY).failure())
        .isEqualTo(new ValidationFailure(Field.RESIDENT_ID_NUMBER, error));
  }

  @Test
  void a_number_that_is_only_valid_for_another_type_is_refused() {
    assertThat(IdNumber.validate(IdType.PASSPORT, "11010519491231002X", TODAY).failure().error())
        .isEqualTo(ValidationError.BAD_LENGTH);
    assertThat(IdNumber.validate(IdType.RESIDENT_ID_CARD, "E12345678", TODAY).failure().error())
        .isEqualTo(ValidationError.BAD_CHARACTER);
  }

  @Test
  void refuses_a_missing_type() {
    assertThat(IdNumber.validate(null, "E12345678", TODAY).failure())
        .isEqualTo(new ValidationFailure(Field.ID_TYPE, ValidationError.EMPTY));
  }

  @Test
  void takes_today_in_china_time_from_a_clock() {
    Clock clock = Clock.fixed(Instant.parse("2026-04-30T16:30:00Z"), ZoneOffset.UTC);

    assertThat(IdNumber.validate(IdType.RESIDENT_ID_CARD, "440306202605011231", clock).isValid())
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "RESIDENT_ID_CARD, 身份证",
    "PASSPORT, 护照",
    "MILITARY_OFFICER_CARD, 军官证",
    "HONG_KONG_MACAO_PERMIT, 港澳居民身份证/通行证",
    "TAIWAN_RESIDENT_PERMIT, 台湾居民通行证",
    "ARMED_POLICE_CARD, 警士证",
    "SOLDIER_CARD, 军士证",
  })
  void id_types_carry_the_manuals_label(IdType type, String label) {
    assertThat(type.label()).isEqualTo(label);
  }

  @Test
  void the_credit_code_is_an_id_type_but_not_a_persons() {
    assertThat(IdType.personalTypes()).hasSize(7).doesNotContain(IdType.UNIFIED_SOCIAL_CREDIT_CODE);
    assertThat(
            IdNumber.validate(IdType.UNIFIED_SOCIAL_CREDIT_CODE, "91350100m000100y43", TODAY)
                .value())
        .isEqualTo("91350100M000100Y43");
    assertThat(
            IdNumber.validate(IdType.UNIFIED_SOCIAL_CREDIT_CODE, "91350100M000100Y44", TODAY)
                .failure())
        .isEqualTo(
            new ValidationFailure(
                Field.UNIFIED_SOCIAL_CREDIT_CODE, ValidationError.BAD_CHECK_CHARACTER));
  }
}
