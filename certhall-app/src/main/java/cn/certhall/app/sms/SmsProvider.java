package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsMessage;

/** A real SMS provider's API: one message, one call, never an exception. */
public interface SmsProvider {

  /** The provider's name in logs and in {@code sms_message} (aliyun, tencent). */
  String name();

  /**
   * @param mobile 11 digits, mainland
   */
  SmsDelivery deliver(String mobile, SmsMessage message);
}
