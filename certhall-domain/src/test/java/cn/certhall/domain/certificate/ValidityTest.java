package cn.certhall.domain.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidityTest {

  private static final Instant START = Instant.parse("2027-06-15T02:30:00Z");
  private static final Instant END = Instant.parse("2028-06-15T02:30:00Z");

  @Test
  void keeps_its_bounds() {
    Validity validity = new Validity(START, END);

    assertThat(validity.notBefore()).isEqualTo(START);
    assertThat(validity.notAfter()).isEqualTo(END);
  }

  @Test
  void rejects_fractions_of_a_second() {
    assertThatThrownBy(() -> new Validity(START.plusNanos(1), END))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> new Validity(START, END.plusMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole seconds");
  }

  @Test
  void rejects_an_empty_or_reversed_period() {
    assertThatThrownBy(() -> new Validity(START, START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be after");
    assertThatThrownBy(() -> new Validity(END, START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be after");
  }

  @Test
  void rejects_missing_bounds() {
    assertThatThrownBy(() -> new Validity(null, END)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Validity(START, null)).isInstanceOf(NullPointerException.class);
  }
}
