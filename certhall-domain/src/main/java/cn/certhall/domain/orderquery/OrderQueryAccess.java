package cn.certhall.domain.orderquery;

import cn.certhall.domain.order.ApplicantId;
import cn.certhall.domain.order.Order;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The proof a browser session holds after the SMS check of 我的订单: the ID numbers it proved control
 * of, each with the instant after which the proof no longer counts. Immutable and serializable, so
 * a session store can keep it; held per session, never shown, never in a URL.
 *
 * <p>Proof is per ID number, not per order: the one-unfinished-order rule and the code both key on
 * the number alone, and an order started after the check is the same applicant's.
 */
public final class OrderQueryAccess implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private static final OrderQueryAccess NONE = new OrderQueryAccess(Map.of());

  /** ID number (normalised) → the last instant the proof counts. */
  private final Map<String, Instant> provenUntil;

  private OrderQueryAccess(Map<String, Instant> provenUntil) {
    this.provenUntil = Map.copyOf(provenUntil);
  }

  /** A session that proved nothing. */
  public static OrderQueryAccess none() {
    return NONE;
  }

  /**
   * This access and {@code idNumber} proven until {@code until}; proofs that have run out by {@code
   * now} are dropped, so the value stays small however long the session lives.
   */
  OrderQueryAccess withProven(String idNumber, Instant until, Instant now) {
    Map<String, Instant> next = new HashMap<>();
    provenUntil.forEach(
        (number, end) -> {
          if (!now.isAfter(end)) {
            next.put(number, end);
          }
        });
    next.merge(
        ApplicantId.normalize(idNumber),
        Objects.requireNonNull(until, "until"),
        (a, b) -> a.isAfter(b) ? a : b);
    return new OrderQueryAccess(next);
  }

  /** Whether the session proved {@code idNumber} and the proof still counts at {@code now}. */
  public boolean hasProven(String idNumber, Instant now) {
    if (idNumber == null || idNumber.isBlank()) {
      return false;
    }
    Instant end = provenUntil.get(ApplicantId.normalize(idNumber));
    return end != null && !now.isAfter(end);
  }

  /** Whether the session may see this order: it proved the order's ID number, and still may. */
  public boolean mayOpen(Order order, Instant now) {
    return order != null && hasProven(order.applicant().number(), now);
  }

  /** The ID numbers still proven at {@code now}, sorted. */
  public List<String> provenIdNumbers(Instant now) {
    return provenUntil.entrySet().stream()
        .filter(e -> !now.isAfter(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** When the proof of {@code idNumber} stops counting, if the session has one. */
  public Instant provenUntil(String idNumber) {
    return idNumber == null ? null : provenUntil.get(ApplicantId.normalize(idNumber));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderQueryAccess other && provenUntil.equals(other.provenUntil);
  }

  @Override
  public int hashCode() {
    return provenUntil.hashCode();
  }

  /** ID numbers are personal: only how many. */
  @Override
  public String toString() {
    return "OrderQueryAccess[" + provenUntil.size() + " ID numbers]";
  }
}
