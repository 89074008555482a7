package cn.certhall.domain.verification;

import cn.certhall.domain.limit.Limit;
import cn.certhall.domain.limit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Daily caps on the text messages anonymous visitors can make the service send: per mobile, per
 * subject the code is about (a credit code, an ID number) and per visitor address. The resend
 * cooldown only spaces codes out; these caps bound what one mobile, one organization or one address
 * costs the CA (and its customers' phones) in a day, on every node at once.
 */
public final class SmsCaps {
  private final RateLimiter limiter;
  private final Limit perMobile;
  private final Limit perSubject;
  private final Limit perAddress;
  private final Supplier<Optional<String>> visitorAddress;

  /**
   * @param visitorAddress the address of the visitor whose request sends the code; empty outside a
   *     visitor's request (then only the mobile and subject caps apply)
   */
  public SmsCaps(
      RateLimiter limiter,
      int perMobile,
      int perSubject,
      int perAddress,
      Supplier<Optional<String>> visitorAddress) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.perMobile = new Limit("sms-mobile", perMobile, Duration.ofDays(1));
    this.perSubject = new Limit("sms-subject", perSubject, Duration.ofDays(1));
    this.perAddress = new Limit("sms-address", perAddress, Duration.ofDays(1));
    this.visitorAddress = Objects.requireNonNull(visitorAddress, "visitorAddress");
  }

  /** What {@link #take} took, to give back when no message went out after all. */
  public record Taken(List<RateLimiter.Permit> permits) {}

  /**
   * Takes one from each cap that applies; all or nothing.
   *
   * @param mobile the 11-digit mobile the message goes to; null when none would go anywhere
   * @param subject the credit code or ID number the code is about
   * @return empty when a cap is reached (nothing is then taken)
   */
  Optional<Taken> take(String mobile, String subject) {
    List<RateLimiter.Permit> taken = new ArrayList<>(3);
    if (takeInto(taken, perSubject, subject)
        && (mobile == null || takeInto(taken, perMobile, mobile))
        && visitorAddress.get().map(address -> takeInto(taken, perAddress, address)).orElse(true)) {
      return Optional.of(new Taken(List.copyOf(taken)));
    }
    taken.forEach(limiter::giveBack);
    return Optional.empty();
  }

  void giveBack(Taken taken) {
    taken.permits().forEach(limiter::giveBack);
  }

  private boolean takeInto(List<RateLimiter.Permit> taken, Limit limit, String subject) {
    Optional<RateLimiter.Permit> permit = limiter.take(limit, subject);
    permit.ifPresent(taken::add);
    return permit.isPresent();
  }
}
