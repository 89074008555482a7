package cn.certhall.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.payment.Invoice.Problem;
import org.junit.jupiter.api.Test;

class InvoiceTest {

  @Test
  void typed_details_are_stripped_and_the_tax_number_in_capitals() {
    Invoice invoice = Invoice.typed("  某某科技有限公司 ", " 91350100m000100y43 ", " a@example.cn ");

    assertThat(invoice).isEqualTo(new Invoice("某某科技有限公司", "91350100M000100Y43", "a@example.cn"));
    assertThat(invoice.problems()).isEmpty();
  }

  @Test
  void each_field_names_its_problem() {
    assertThat(Invoice.typed("", "", "").problems())
        .containsExactly(Problem.TITLE_EMPTY, Problem.TAX_NUMBER_EMPTY, Problem.EMAIL_EMPTY);
    assertThat(Invoice.typed(null, null, null).problems()).hasSize(3);
    assertThat(Invoice.typed("单".repeat(101), "1234", "no-at-sign").problems())
        .containsExactly(Problem.TITLE_TOO_LONG, Problem.TAX_NUMBER_FORMAT, Problem.EMAIL_FORMAT);
    assertThat(
            Invoice.typed("单".repeat(100), "123456789012345", "a@" + "b".repeat(250) + ".cn")
                .problems())
        .containsExactly(Problem.EMAIL_FORMAT);
  }

  @Test
  void tax_numbers_of_15_18_and_20_characters_are_taken() {
    for (String number :
        new String[] {"123456789012345", "91350100M000100Y43", "1234567890ABCDEFGHIJ"}) {
      assertThat(Invoice.typed("单位", number, "a@example.cn").problems()).as(number).isEmpty();
    }
    assertThat(Invoice.typed("单位", "9135010-M000100Y43", "a@example.cn").problems())
        .containsExactly(Problem.TAX_NUMBER_FORMAT);
  }

  @Test
  void a_title_counts_characters_not_utf16_units() {
    String hundredRareCharacters = "𠀀".repeat(100);
    assertThat(
            Invoice.typed(hundredRareCharacters, "91350100M000100Y43", "a@example.cn").problems())
        .isEmpty();
  }

  @Test
  void the_email_is_kept_out_of_its_text() {
    assertThat(new Invoice("单位", "91350100M000100Y43", "secret@example.cn").toString())
        .doesNotContain("secret");
  }
}
