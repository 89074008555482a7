package cn.certhall.domain.notification;

import cn.certhall.domain.verification.SmsMessage;
import java.util.Objects;

/**
 * One message to send.
 *
 * @param recipient a mainland mobile (SMS) or an email address
 * @param subject the email's subject; null for SMS
 * @param body the text: an email's body, an SMS's text as the provider puts it together
 * @param orderId the order it is about
 * @param sms SMS: the template and its values, which is what a provider is sent; null for email,
 *     and for an SMS queued before templates (V122), which no provider takes
 */
public record Notification(
    Channel channel,
    String recipient,
    String subject,
    String body,
    String orderId,
    SmsMessage sms) {

  public enum Channel {
    SMS,
    EMAIL
  }

  public Notification {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(orderId, "orderId");
    if (channel == Channel.EMAIL && sms != null) {
      throw new IllegalArgumentException("an email has no SMS template");
    }
  }

  /** A text message: its body is the template's text with the values. */
  public static Notification sms(String mobile, SmsMessage message, String orderId) {
    return new Notification(Channel.SMS, mobile, null, message.text(), orderId, message);
  }

  public static Notification email(String address, String subject, String body, String orderId) {
    return new Notification(Channel.EMAIL, address, subject, body, orderId, null);
  }

  /** Recipient and body are personal: not for logs. */
  @Override
  public String toString() {
    return "Notification[" + channel + ", order " + orderId + "]";
  }
}
