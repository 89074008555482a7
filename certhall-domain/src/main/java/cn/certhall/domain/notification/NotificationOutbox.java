package cn.certhall.domain.notification;

import java.time.Instant;
import java.util.List;

/** Port: the messages waiting to be sent, kept until they are. */
public interface NotificationOutbox {

    /** Adds a message to send from {@code now} on; in the caller's transaction when one runs. */
    void enqueue(Notification notification, Instant now);

    /** Unsent messages whose next attempt is due at {@code now}, oldest first. */
    List<Pending> due(Instant now, int limit);

    void markSent(long id, Instant at);

    /** Records a failed attempt; the next is not before {@code nextAttempt}. */
    void markFailed(long id, int attempts, Instant nextAttempt, String problem);

    /** @param attempts failed attempts so far */
    record Pending(long id, Notification notification, int attempts) {}
}
