package cn.certhall.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedCodeTest {

  @Test
  void sixDigitsAreACodeWithBlanksAroundAndFullWidthDigitsForgiven() {
    assertThat(TypedCode.parse("012345")).isEqualTo(new TypedCode.Six("012345"));
    assertThat(TypedCode.parse("  012345\t")).isEqualTo(new TypedCode.Six("012345"));
    assertThat(TypedCode.parse("０１２３４５")).isEqualTo(new TypedCode.Six("012345"));
    assertThat(TypedCode.parse("　０１２３４５　")).isEqualTo(new TypedCode.Six("012345"));
  }

  @Test
  void nothingTypedIsEmpty() {
    assertThat(TypedCode.parse(null)).isEqualTo(new TypedCode.Empty());
    assertThat(TypedCode.parse("")).isEqualTo(new TypedCode.Empty());
    assertThat(TypedCode.parse(" 　 ")).isEqualTo(new TypedCode.Empty());
  }

  @Test
  void anythingElseIsMalformedAndHasNoDigits() {
    for (String typed :
        new String[] {
          "12345", "1234567", "12 345", "abcdef", "١٢٣٤٥٦", "12345x", "0".repeat(100_000)
        }) {
      TypedCode parsed = TypedCode.parse(typed);
      assertThat(parsed)
          .as(typed.length() > 20 ? "a long input" : typed)
          .isEqualTo(new TypedCode.Malformed());
      assertThat(parsed.digitsOrNull()).isNull();
    }
  }
}
