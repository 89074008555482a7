package cn.certhall.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {

    @Test
    void thePauseDoublesAfterEachFailureUpToTheMaximum() {
        NotificationDispatcher dispatcher = new NotificationDispatcher(
                new NotificationOutbox() {
                    @Override
                    public void enqueue(Notification notification, java.time.Instant now) {}

                    @Override
                    public List<Pending> due(java.time.Instant now, int limit) {
                        return List.of();
                    }

                    @Override
                    public void markSent(long id, java.time.Instant at) {}

                    @Override
                    public void markFailed(long id, int attempts, java.time.Instant next, String problem) {}
                },
                (mobile, text) -> null,
                (to, subject, body) -> null,
                Clock.systemUTC(),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5));

        assertThat(List.of(1, 2, 3, 4, 5, 6, 100).stream().map(dispatcher::pause).toList())
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(240),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5));
    }
}
