package cn.certhall.domain.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.sealing.PinGuard.Check.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PinGuardTest {
  static final String MOBILE = "13900139002";

  /** Atomic per mobile, as the JDBC store's conditional updates are. */
  static final class MemoryPinStore implements PinStore {
    final Map<String, StoredPin> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredPin> find(String mobile) {
      return Optional.ofNullable(pins.get(mobile));
    }

    @Override
    public void set(String mobile, String hash, Instant now) {
      pins.put(mobile, new StoredPin(hash, 0, now));
    }

    @Override
    public Optional<Integer> countTry(String mobile, int max) {
      AtomicInteger counted = new AtomicInteger(-1);
      pins.computeIfPresent(
          mobile,
          (m, p) -> {
            if (p.hash() == null || p.wrongTries() >= max) {
              return p;
            }
            counted.set(p.wrongTries() + 1);
            return new StoredPin(p.hash(), p.wrongTries() + 1, p.setAt());
          });
      return counted.get() < 0 ? Optional.empty() : Optional.of(counted.get());
    }

    @Override
    public void clearTries(String mobile) {
      pins.computeIfPresent(mobile, (m, p) -> new StoredPin(p.hash(), 0, p.setAt()));
    }
  }

  /** Counts how often the (slow, in real life) hash comparison ran. */
  static final class CountingHasher implements PinHasher {
    final AtomicInteger comparisons = new AtomicInteger();

    @Override
    public String hash(String pin) {
      return "h:" + new StringBuilder(pin).reverse();
    }

    @Override
    public boolean matches(String pin, String hash) {
      comparisons.incrementAndGet();
      return hash(pin).equals(hash);
    }
  }

  final MemoryPinStore store = new MemoryPinStore();
  final CountingHasher hasher = new CountingHasher();
  final PinGuard guard = new PinGuard(store, hasher, Clock.systemUTC());

  @Test
  void notSetUntilTheFirstPinIsChosen() {
    assertThat(guard.check(MOBILE, "204816").status()).isEqualTo(Status.NOT_SET);
    guard.setFirst(MOBILE, "204816", "204816");
    assertThat(guard.isSet(MOBILE)).isTrue();
    assertThat(store.pins.get(MOBILE).hash()).doesNotContain("204816");
    assertThat(guard.check(MOBILE, "204816").ok()).isTrue();
  }

  @Test
  void theFirstPinCannotBeSetTwiceAndBadPinsAreRefused() {
    assertThatThrownBy(() -> guard.setFirst(MOBILE, "123456", "123456"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> guard.setFirst(MOBILE, "204816", "204817"))
        .isInstanceOf(IllegalArgumentException.class);
    guard.setFirst(MOBILE, "204816", "204816");
    assertThatThrownBy(() -> guard.setFirst(MOBILE, "739201", "739201"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void fiveWrongTriesLockEvenTheRightPinUntilAReset() {
    guard.setFirst(MOBILE, "204816", "204816");
    assertThat(guard.check(MOBILE, "000001")).isEqualTo(new PinGuard.Check(Status.WRONG, 4));
    assertThat(guard.check(MOBILE, "000002")).isEqualTo(new PinGuard.Check(Status.WRONG, 3));
    assertThat(guard.check(MOBILE, "000003")).isEqualTo(new PinGuard.Check(Status.WRONG, 2));
    assertThat(guard.check(MOBILE, "000004")).isEqualTo(new PinGuard.Check(Status.WRONG, 1));
    assertThat(guard.check(MOBILE, "000005").status()).isEqualTo(Status.LOCKED);
    assertThat(guard.isLocked(MOBILE)).isTrue();
    assertThat(guard.check(MOBILE, "204816").status()).isEqualTo(Status.LOCKED);

    guard.reset(MOBILE, "739201", "739201");
    assertThat(guard.isLocked(MOBILE)).isFalse();
    assertThat(guard.check(MOBILE, "204816")).isEqualTo(new PinGuard.Check(Status.WRONG, 4));
    assertThat(guard.check(MOBILE, "739201").ok()).isTrue();
  }

  @Test
  void aRightPinStartsTheCountAgain() {
    guard.setFirst(MOBILE, "204816", "204816");
    for (int i = 0; i < 4; i++) {
      assertThat(guard.check(MOBILE, "111112").status()).isEqualTo(Status.WRONG);
    }
    assertThat(guard.check(MOBILE, "204816").ok()).isTrue();
    assertThat(guard.check(MOBILE, "111112")).isEqualTo(new PinGuard.Check(Status.WRONG, 4));
  }

  @Test
  void aParallelBruteForceGetsFiveGuessesAtMost() throws Exception {
    guard.setFirst(MOBILE, "204816", "204816");
    var pool = Executors.newFixedThreadPool(8);
    List<Future<PinGuard.Check>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String guess = String.format("%06d", 300000 + i);
      answers.add(pool.submit(() -> guard.check(MOBILE, guess)));
    }
    int wrong = 0;
    for (Future<PinGuard.Check> f : answers) {
      if (f.get().status() == Status.WRONG) {
        wrong++;
      }
    }
    pool.shutdown();
    assertThat(wrong).isEqualTo(4);
    assertThat(hasher.comparisons.get()).isEqualTo(5);
    assertThat(guard.isLocked(MOBILE)).isTrue();
  }

  @Test
  void pinRules() {
    assertThat(SealPin.checkNew("", "")).contains(SealPin.Problem.EMPTY);
    assertThat(SealPin.checkNew("12345", "12345")).contains(SealPin.Problem.NOT_SIX_DIGITS);
    assertThat(SealPin.checkNew("12345a", "12345a")).contains(SealPin.Problem.NOT_SIX_DIGITS);
    assertThat(SealPin.checkNew("１２３４５７", "１２３４５７")).contains(SealPin.Problem.NOT_SIX_DIGITS);
    assertThat(SealPin.checkNew("888888", "888888")).contains(SealPin.Problem.TOO_SIMPLE);
    assertThat(SealPin.checkNew("345678", "345678")).contains(SealPin.Problem.TOO_SIMPLE);
    assertThat(SealPin.checkNew("987654", "987654")).contains(SealPin.Problem.TOO_SIMPLE);
    assertThat(SealPin.checkNew("204816", "204861")).contains(SealPin.Problem.MISMATCH);
    assertThat(SealPin.checkNew("204816", "204816")).isEmpty();
  }
}
