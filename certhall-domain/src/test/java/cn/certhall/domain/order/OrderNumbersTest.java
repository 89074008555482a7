package cn.certhall.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderNumbersTest {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** 2027-06-15 17:00 UTC is already 16 June in China. */
  final OrderNumbers numbers =
      new OrderNumbers(
          new SecureRandom(),
          Clock.fixed(Instant.parse("2027-06-15T17:00:00Z"), ZoneOffset.UTC),
          CHINA);

  @Test
  void are_ch_the_china_date_and_twelve_unambiguous_random_characters() {
    assertThat(numbers.next()).matches("CH20270616[2-9A-HJ-NP-Z]{12}");
  }

  @Test
  void do_not_repeat_and_use_the_whole_alphabet() {
    Set<String> seen = new HashSet<>();
    Set<Character> characters = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String number = numbers.next();
      seen.add(number);
      number.substring(10).chars().forEach(c -> characters.add((char) c));
    }

    assertThat(seen).hasSize(20_000);
    assertThat(characters).hasSize(32);
  }

  @Test
  void fit_the_order_number_column() {
    assertThat(numbers.next()).hasSizeLessThanOrEqualTo(OrderNumbers.MAX_LENGTH);
  }
}
