package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsSender;
import java.util.Objects;

/**
 * What a provider answered to one message.
 *
 * @param providerCode the provider's own code (OK, isv.BUSINESS_LIMIT_CONTROL, Ok,
 *     LimitExceeded.PhoneNumberDailyLimit…); TIMEOUT or UNREACHABLE when it did not answer
 * @param requestId the provider's request id, when it answered
 * @param messageId the message's id at the provider (Alibaba Cloud BizId, Tencent Cloud SerialNo)
 */
public record SmsDelivery(
    SmsSender.Result result, String providerCode, String requestId, String messageId) {

  public SmsDelivery {
    Objects.requireNonNull(result, "result");
  }

  static SmsDelivery notAnswered(String why) {
    return new SmsDelivery(SmsSender.Result.UNAVAILABLE, why, null, null);
  }
}
