package cn.certhall.domain.verification;

/**
 * Port: a text message to a mainland mobile, through the SMS gateway. Implementations must not
 * log the text: it carries codes.
 */
public interface SmsSender {

    enum Result {
        /** The gateway accepted the message. */
        SENT,
        /** The gateway refused or did not answer; nothing was sent. */
        UNAVAILABLE
    }

    /** @param mobile 11 digits, mainland ({@code ^1[3-9]\d{9}$}) */
    Result send(String mobile, String text);
}
