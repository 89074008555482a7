package cn.certhall.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

  @ParameterizedTest
  @CsvSource({
    "11010519491231002X, 110***********002X",
    "440524188001010014, 440***********0014",
    "E12345678, E******78",
    "A1234567, A*****67",
    "1234567, 1****67",
    "123456, 1*****",
    "123, 1**",
    "12, **",
    "南字第1234567号, 南********7号",
    "'', ''",
  })
  void id_numbers_keep_less_than_half(String number, String masked) {
    assertThat(Masking.idNumber(number)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "13812345678, 138****5678",
    "19900001111, 199****1111",
    "12345, 1****",
    "'', ''",
  })
  void mobiles_keep_the_first_three_and_last_four(String number, String masked) {
    assertThat(Masking.mobile(number)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "6222020200112230, 6222 **** **** 2230",
    "6217000000000000004, 6217 **** **** 0004",
    "623456789014, 6234 **** **** 9014",
    "02000012090245678890, 0200 **** **** 8890",
    "12345678901, ****",
    "'', ''",
  })
  void cards_keep_the_first_four_and_last_four_without_telling_the_length(
      String number, String masked) {
    assertThat(Masking.bankCard(number)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "张三, 张*",
    "张三丰, 张**",
    "欧阳锋, 欧阳*",
    "欧阳娜娜, 欧阳**",
    "司马相如, 司马**",
    "欧阳, 欧*", // nothing would be left to hide behind the compound surname
    "东方, 东*",
    "李, *",
    "阿依古丽·买买提, 阿*******",
    "John Smith, J*********",
    "𠮷野家, 𠮷**", // a character outside the BMP stays whole
    "' 王五 ', 王*",
    "'', ''",
  })
  void names_keep_the_surname(String name, String masked) {
    assertThat(Masking.name(name)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "alice@example.com, a***@example.com",
    "a@b.cn, a***@b.cn",
    "张三@例子.中国, 张***@例子.中国",
    "not-an-address, ***",
    "'', ''",
  })
  void emails_keep_the_first_character_and_the_domain(String address, String masked) {
    assertThat(Masking.email(address)).isEqualTo(masked);
  }

  @Test
  void nothing_masks_to_nothing() {
    assertThat(Masking.idNumber(null)).isEmpty();
    assertThat(Masking.mobile(null)).isEmpty();
    assertThat(Masking.bankCard(null)).isEmpty();
    assertThat(Masking.name(null)).isEmpty();
    assertThat(Masking.email(null)).isEmpty();
  }
}
