package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void whatASpreadsheetWouldRunAsAFormulaIsNeutralised() {
    assertThat(Csv.field("=1+2")).isEqualTo("'=1+2");
    assertThat(Csv.field("+86 138")).isEqualTo("'+86 138");
    assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.field("a=1")).isEqualTo("a=1");
    assertThat(Csv.field("5.00")).isEqualTo("5.00");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedAndTheFileStartsWithTheBom() {
    assertThat(Csv.field("福州, 鼓楼")).isEqualTo("\"福州, 鼓楼\"");
    assertThat(Csv.field("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Csv.field("a\nb")).isEqualTo("\"a\nb\"");
    byte[] file = Csv.write(List.of(List.of("订单号", "审核人"), List.of("CH1", "=x")));
    assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("\uFEFF订单号,审核人\r\nCH1,'=x\r\n");
  }
}
