package cn.certhall.domain.verification;

import java.time.Duration;

/** The wording that carries a code to a person. */
final class CodeTexts {

  private CodeTexts() {}

  static SmsMessage sms(Purpose purpose, AuthorizationCode code, Duration lifetime) {
    return purpose.smsMessage(code, lifetime(lifetime));
  }

  /** Bank remarks are short (often 20 to 30 characters), so the remark is only label and code. */
  static String transferRemark(AuthorizationCode code) {
    return "证书授权码" + code.digits();
  }

  /** 10分钟, 7天, 2小时, 90秒: the largest unit that states the lifetime exactly. */
  static String lifetime(Duration lifetime) {
    if (lifetime.toDays() > 0 && lifetime.equals(Duration.ofDays(lifetime.toDays()))) {
      return lifetime.toDays() + "天";
    }
    if (lifetime.toHours() > 0 && lifetime.equals(Duration.ofHours(lifetime.toHours()))) {
      return lifetime.toHours() + "小时";
    }
    if (lifetime.toMinutes() > 0 && lifetime.equals(Duration.ofMinutes(lifetime.toMinutes()))) {
      return lifetime.toMinutes() + "分钟";
    }
    return Math.max(1, lifetime.toSeconds()) + "秒";
  }
}
