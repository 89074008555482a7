package cn.certhall.domain.notification;

import java.util.Objects;

/**
 * One message to send.
 *
 * @param recipient a mainland mobile (SMS) or an email address
 * @param subject the email's subject; null for SMS
 * @param orderId the order it is about
 */
public record Notification(Channel channel, String recipient, String subject, String body, String orderId) {

    public enum Channel {
        SMS,
        EMAIL
    }

    public Notification {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(orderId, "orderId");
    }

    /** Recipient and body are personal: not for logs. */
    @Override
    public String toString() {
        return "Notification[" + channel + ", order " + orderId + "]";
    }
}
