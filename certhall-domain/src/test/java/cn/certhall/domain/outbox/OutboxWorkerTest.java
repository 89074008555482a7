package cn.certhall.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.verification.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxWorkerTest {
  static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");

  /** The Outbox contract in memory: a claim moves the next attempt to the lease's end. */
  static final class InMemoryOutbox implements Outbox<String> {
    static final class Row {
      final String payload;
      Instant next;
      int failures;
      String problem;
      Instant deliveredAt;
      Instant givenUpAt;

      Row(String payload, Instant next) {
        this.payload = payload;
        this.next = next;
      }
    }

    final Map<Long, Row> rows = new LinkedHashMap<>();
    long nextId = 1;

    long add(String payload, Instant at) {
      rows.put(nextId, new Row(payload, at));
      return nextId++;
    }

    @Override
    public synchronized List<Item<String>> claimDue(Instant now, Instant leaseUntil, int limit) {
      List<Item<String>> claimed = new ArrayList<>();
      for (Map.Entry<Long, Row> e : rows.entrySet()) {
        Row r = e.getValue();
        if (claimed.size() < limit
            && r.deliveredAt == null
            && r.givenUpAt == null
            && !r.next.isAfter(now)) {
          r.next = leaseUntil;
          claimed.add(new Item<>(e.getKey(), r.payload, r.failures));
        }
      }
      return claimed;
    }

    @Override
    public void delivered(long id, Instant at) {
      rows.get(id).deliveredAt = at;
    }

    @Override
    public void failed(long id, int failures, Instant retryAt, String problem) {
      Row r = rows.get(id);
      r.failures = failures;
      r.next = retryAt;
      r.problem = problem;
    }

    @Override
    public void givenUp(long id, int failures, Instant at, String problem) {
      Row r = rows.get(id);
      r.failures = failures;
      r.givenUpAt = at;
      r.problem = problem;
    }
  }

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryOutbox outbox = new InMemoryOutbox();
  final List<String> sent = new ArrayList<>();
  final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));
  boolean providerUp = true;

  OutboxWorker<String> worker(int maxFailures) {
    return new OutboxWorker<>(
        outbox,
        item -> {
          if (!providerUp) {
            return "provider unavailable";
          }
          sent.add(item.payload());
          return null;
        },
        backoff,
        maxFailures,
        Duration.ofMinutes(5),
        10,
        clock);
  }

  @Test
  void thePauseDoublesAfterEachFailureUpToTheLongest() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 100).stream().map(backoff::after).toList())
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(240),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatIsDueGoesOutOnceAndWhatIsNotYetDueWaits() {
    outbox.add("now", NOW);
    outbox.add("later", NOW.plusSeconds(60));
    OutboxWorker<String> worker = worker(5);

    assertThat(worker.runDue().delivered()).isEqualTo(1);
    assertThat(worker.runDue().delivered()).isZero();
    clock.advance(Duration.ofSeconds(60));
    assertThat(worker.runDue().delivered()).isEqualTo(1);

    assertThat(sent).containsExactly("now", "later");
  }

  @Test
  void aFailedItemWaitsForItsBackoffAndGoesOutWhenTheProviderIsBack() {
    long id = outbox.add("sms", NOW);
    OutboxWorker<String> worker = worker(5);
    providerUp = false;

    worker.runDue();
    assertThat(outbox.rows.get(id).next).isEqualTo(NOW.plusSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    worker.runDue();
    assertThat(outbox.rows.get(id).next).isEqualTo(NOW.plusSeconds(30 + 60));
    assertThat(outbox.rows.get(id).failures).isEqualTo(2);

    providerUp = true;
    clock.advance(Duration.ofSeconds(59));
    assertThat(worker.runDue()).as("still waiting").isEqualTo(new OutboxWorker.Round(0, 0));
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runDue().delivered()).isEqualTo(1);
    assertThat(sent).containsExactly("sms");
  }

  @Test
  void afterTheLastFailureAllowedTheItemIsGivenUpAndNeverTriedAgain() {
    long id = outbox.add("webhook", NOW);
    OutboxWorker<String> worker = worker(3);
    providerUp = false;

    for (int round = 0; round < 3; round++) {
      worker.runDue();
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(outbox.rows.get(id).givenUpAt).isNotNull();
    assertThat(outbox.rows.get(id).failures).isEqualTo(3);
    assertThat(outbox.rows.get(id).problem).isEqualTo("provider unavailable");

    providerUp = true;
    clock.advance(Duration.ofDays(1));
    assertThat(worker.runDue()).isEqualTo(new OutboxWorker.Round(0, 0));
    assertThat(sent).isEmpty();
  }

  @Test
  void aSenderThatThrowsCountsAsAFailureAndTheRestOfTheRoundGoesOn() {
    long bad = outbox.add("bad", NOW);
    outbox.add("good", NOW);
    OutboxWorker<String> worker =
        new OutboxWorker<>(
            outbox,
            item -> {
              if (item.payload().equals("bad")) {
                throw new IllegalStateException("the provider's client broke");
              }
              sent.add(item.payload());
              return null;
            },
            backoff,
            5,
            Duration.ofMinutes(5),
            10,
            clock);

    assertThat(worker.runDue()).isEqualTo(new OutboxWorker.Round(2, 1));
    assertThat(sent).containsExactly("good");
    assertThat(outbox.rows.get(bad).problem).isEqualTo("failed: IllegalStateException");
    assertThat(outbox.rows.get(bad).failures).isEqualTo(1);
  }

  @Test
  void anItemClaimedByAnotherNodeIsNotSentUntilItsLeaseRunsOut() {
    outbox.add("sms", NOW);
    // another node claimed it and died before it could say how the attempt went
    assertThat(outbox.claimDue(NOW, NOW.plus(Duration.ofMinutes(5)), 10)).hasSize(1);
    OutboxWorker<String> worker = worker(5);

    assertThat(worker.runDue()).isEqualTo(new OutboxWorker.Round(0, 0));
    clock.advance(Duration.ofMinutes(5));
    assertThat(worker.runDue().delivered()).isEqualTo(1);
    assertThat(sent).containsExactly("sms");
  }
}
