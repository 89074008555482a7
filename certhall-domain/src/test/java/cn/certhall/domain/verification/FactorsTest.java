package cn.certhall.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.identity.IdType;
import org.junit.jupiter.api.Test;

/** What the ports receive: normalised, checked, and never printed in full. */
class FactorsTest {

  static BankCardFourFactor card(String cardNumber, String mobile) {
    return new BankCardFourFactor(
        "张三", IdType.RESIDENT_ID_CARD, "11010519491231002X", cardNumber, mobile);
  }

  @Test
  void mobiles_lose_their_country_prefix_and_id_numbers_are_upper_case() {
    MobileThreeFactor factors =
        new MobileThreeFactor(" 张三 ", "11010519491231002x", "+8613812345678");

    assertThat(factors).isEqualTo(new MobileThreeFactor("张三", "11010519491231002X", "13812345678"));
    assertThat(new MobileThreeFactor("张三", "1", "8613812345678").mobile()).isEqualTo("13812345678");
  }

  @Test
  void card_and_account_numbers_lose_their_blanks() {
    assertThat(card("6222 0202 0011 2233", "13812345678").cardNumber())
        .isEqualTo("6222020200112233");
    assertThat(new CorporateAccount("示例科技有限公司", "1234 5678 9012", "其他：某某村镇银行").accountNumber())
        .isEqualTo("123456789012");
  }

  @Test
  void bad_numbers_are_refused_naming_the_field_not_the_value() {
    assertThatThrownBy(() -> new MobileThreeFactor("张三", "1", "1381234567"))
        .hasMessage("mobile is not a mainland mobile number");
    assertThatThrownBy(() -> card("62220202001122AB", "13812345678"))
        .hasMessage("card number must be 12 to 19 digits");
    assertThatThrownBy(() -> new CorporateAccount("示例科技有限公司", "12-34", "银行"))
        .hasMessage("account number must be 6 to 32 digits");
    assertThatThrownBy(() -> new CorporateAccount(" ", "123456789012", "银行"))
        .hasMessage("account name is required");
  }

  @Test
  void texts_show_numbers_masked() {
    assertThat(new MobileThreeFactor("张三", "11010519491231002X", "13812345678").toString())
        .isEqualTo("MobileThreeFactor[mobile 138****5678]")
        .doesNotContain("张三");
    assertThat(card("6222020200112233", "13812345678").toString())
        .isEqualTo("BankCardFourFactor[RESIDENT_ID_CARD, card ****2233, mobile 138****5678]");
    assertThat(new CorporateAccount("示例科技有限公司", "1234567890123456", "中国工商银行").toString())
        .isEqualTo("CorporateAccount[****3456]");
    assertThat(CodeKey.orderQuery("11010519491231002X").toString())
        .isEqualTo("CodeKey[ORDER_QUERY]");
  }
}
