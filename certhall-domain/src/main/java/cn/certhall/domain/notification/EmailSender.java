package cn.certhall.domain.notification;

/** Port: an email through the mail server (SMTP). Implementations must not log the body. */
public interface EmailSender {

  enum Result {
    /** The server accepted the message. */
    SENT,
    /** The server refused it or did not answer; try again later. */
    UNAVAILABLE
  }

  Result send(String to, String subject, String body);
}
