package cn.certhall.domain.verification;

/**
 * Port: a text message to a mainland mobile, through the SMS provider: a registered {@link
 * SmsTemplate} with its values, under the configured signature. Implementations must not log the
 * values: they carry codes.
 */
public interface SmsSender {

  /** What came of one message; anything but {@link #SENT} means nothing was sent. */
  enum Result {
    /** The provider accepted the message. */
    SENT,
    /** The provider says the number cannot receive it (not a valid mobile, or blocked). */
    INVALID_NUMBER,
    /** The provider's own limit for this mobile (per minute, hour or day) is reached. */
    RATE_LIMITED,
    /**
     * The provider refused for a reason on the CA's side: template or signature not approved,
     * credentials, balance or package used up. Only the operator can mend it.
     */
    REFUSED,
    /** The provider did not answer, answered with an error of its own, or was not reached. */
    UNAVAILABLE
  }

  /**
   * @param mobile 11 digits, mainland ({@code ^1[3-9]\d{9}$})
   */
  Result send(String mobile, SmsMessage message);
}
