package cn.certhall.domain.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Order numbers (订单号): {@code CH}, the date in China time, and 12 random characters, such as {@code
 * CH20270615K7QX3M9TZP2A}. The order number is what a link to an order carries, so it must not be
 * guessable from another: the random part is 60 bits from a {@link SecureRandom}, drawn from 32
 * characters that cannot be misread (no 0, 1, I, O). The date only helps people.
 */
public final class OrderNumbers {
  static final int MAX_LENGTH = 32;

  private static final String PREFIX = "CH";
  private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private static final int RANDOM_CHARACTERS = 12;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

  private final SecureRandom random;
  private final Clock clock;
  private final ZoneId zone;

  public OrderNumbers(SecureRandom random, Clock clock, ZoneId zone) {
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public String next() {
    StringBuilder number =
        new StringBuilder(PREFIX).append(clock.instant().atZone(zone).format(DATE));
    for (int i = 0; i < RANDOM_CHARACTERS; i++) {
      number.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return number.toString();
  }
}
