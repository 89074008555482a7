package cn.certhall.pki.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.InvalidRequestException;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidityTest {

  private static final Instant START = Instant.parse("2027-06-15T02:30:00Z");
  private static final Instant END = Instant.parse("2028-06-15T02:30:00Z");

  @Test
  void keeps_its_bounds_and_includes_both_ends() {
    Validity validity = new Validity(START, END);

    assertThat(validity.notBefore()).isEqualTo(START);
    assertThat(validity.notAfter()).isEqualTo(END);
    assertThat(validity.contains(START)).isTrue();
    assertThat(validity.contains(END)).isTrue();
    assertThat(validity.contains(START.minusSeconds(1))).isFalse();
    assertThat(validity.contains(END.plusSeconds(1))).isFalse();
  }

  @Test
  void rejects_fractions_of_a_second() {
    assertThatThrownBy(() -> new Validity(START.plusNanos(1), END))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> new Validity(START, END.plusMillis(500)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("whole seconds");
  }

  @Test
  void rejects_an_empty_or_reversed_period() {
    assertThatThrownBy(() -> new Validity(START, START))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty or negative");
    assertThatThrownBy(() -> new Validity(END, START))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty or negative");
  }

  @Test
  void rejects_missing_bounds() {
    assertThatThrownBy(() -> new Validity(null, END))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("required");
    assertThatThrownBy(() -> new Validity(START, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("required");
  }

  @Test
  void a_certificate_reference_keeps_the_serial_as_the_tables_write_it() {
    CertificateRef ref =
        new CertificateRef("sm2-issuing", new BigInteger("00ff01", 16), new Validity(START, END));

    assertThat(ref.serialHex()).isEqualTo("ff01");
    assertThat(ref.serial()).isEqualTo(BigInteger.valueOf(0xff01));
    assertThat(ref.notAfter()).isEqualTo(END);
    assertThatThrownBy(() -> new CertificateRef("sm2-issuing", "FF01", new Validity(START, END)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("lower-case hex");
    assertThatThrownBy(() -> new CertificateRef("", "ff01", new Validity(START, END)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new CertificateRef("sm2-issuing", "ff01", null))
        .isInstanceOf(InvalidRequestException.class);
  }
}
