package cn.certhall.domain.sealing;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks and sets the seal PIN (用章密码). After {@value #MAX_WRONG_TRIES} wrong entries in a row the
 * PIN is locked; only a new identity check with a face check ({@link #reset}) unlocks it, by
 * setting a new PIN. Each try is counted <em>before</em> the hash is compared, so parallel requests
 * cannot get more than {@value #MAX_WRONG_TRIES} guesses between them.
 */
public final class PinGuard {
  public static final int MAX_WRONG_TRIES = 5;

  private final PinStore store;
  private final PinHasher hasher;
  private final Clock clock;

  public PinGuard(PinStore store, PinHasher hasher, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The answer to an entered PIN. */
  public record Check(Status status, int triesLeft) {
    public enum Status {
      OK,
      /** Wrong; {@code triesLeft} more wrong entries lock it. */
      WRONG,
      /** Locked now or before: a reset through the identity check is needed. */
      LOCKED,
      /** No PIN was set yet. */
      NOT_SET
    }

    public boolean ok() {
      return status == Status.OK;
    }
  }

  public boolean isSet(String mobile) {
    return store.find(mobile).map(p -> p.hash() != null).orElse(false);
  }

  public boolean isLocked(String mobile) {
    return store
        .find(mobile)
        .map(p -> p.hash() != null && p.wrongTries() >= MAX_WRONG_TRIES)
        .orElse(false);
  }

  /**
   * Sets the first PIN. A PIN that exists is changed only by {@link #reset}, after the identity
   * check.
   *
   * @throws IllegalStateException if a PIN is set already
   * @throws IllegalArgumentException if the PIN breaks {@link SealPin}'s rules
   */
  public void setFirst(String mobile, String pin, String repeated) {
    if (isSet(mobile)) {
      throw new IllegalStateException("a PIN is set already; reset it through the identity check");
    }
    store.set(mobile, hash(pin, repeated), clock.instant());
  }

  /**
   * Sets a new PIN after the administrator passed the identity and face check again; unlocks it.
   * The caller must have checked identity and face.
   */
  public void reset(String mobile, String pin, String repeated) {
    store.set(mobile, hash(pin, repeated), clock.instant());
  }

  private String hash(String pin, String repeated) {
    Optional<SealPin.Problem> problem = SealPin.checkNew(pin, repeated);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("PIN refused: " + problem.get());
    }
    return hasher.hash(pin);
  }

  /** Checks an entered PIN, counting the try. */
  public Check check(String mobile, String pin) {
    Optional<PinStore.StoredPin> stored = store.find(mobile);
    if (stored.isEmpty() || stored.get().hash() == null) {
      return new Check(Check.Status.NOT_SET, 0);
    }
    if (stored.get().wrongTries() >= MAX_WRONG_TRIES) {
      return new Check(Check.Status.LOCKED, 0);
    }
    Optional<Integer> counted = store.countTry(mobile, MAX_WRONG_TRIES);
    if (counted.isEmpty()) {
      return new Check(Check.Status.LOCKED, 0);
    }
    boolean right = SealPin.checkFormat(pin).isEmpty() && hasher.matches(pin, stored.get().hash());
    if (right) {
      store.clearTries(mobile);
      return new Check(Check.Status.OK, 0);
    }
    int left = MAX_WRONG_TRIES - counted.get();
    return left <= 0 ? new Check(Check.Status.LOCKED, 0) : new Check(Check.Status.WRONG, left);
  }
}
