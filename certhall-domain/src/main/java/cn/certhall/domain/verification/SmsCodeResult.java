package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer to "send me a code by SMS".
 *
 * @param maskedMobile {@link Status#SENT}: where it went, masked (138****5678); null when nothing
 *     was meant to go anywhere
 * @param expiresAt {@link Status#SENT}: the last instant at which the code is accepted
 * @param retryAfterSeconds {@link Status#COOLDOWN}: whole seconds to wait; 0 otherwise
 */
public record SmsCodeResult(
    Status status, String maskedMobile, Instant expiresAt, long retryAfterSeconds) {

  public enum Status {
    /** 授权码已发送至 138****5678. */
    SENT,
    /** 请 n 秒后再获取. */
    COOLDOWN,
    /** 短信发送失败，请稍后再试. No code is outstanding: the next request need not wait. */
    SMS_UNAVAILABLE,
    /** 该手机号码无法接收短信，请核对号码. The provider refused the number; no code is outstanding. */
    SMS_INVALID_NUMBER,
    /** 该手机号码获取短信过于频繁，请稍后再试. The provider's own limit; no code is outstanding. */
    SMS_RATE_LIMITED,
    /** 今日获取验证码次数已达上限，请明天再试. A daily cap is reached; nothing was sent. */
    LIMIT_REACHED
  }

  public SmsCodeResult {
    Objects.requireNonNull(status, "status");
  }

  static SmsCodeResult sent(String mobile, Instant expiresAt) {
    return new SmsCodeResult(
        Status.SENT, mobile == null ? null : Masking.mobile(mobile), expiresAt, 0);
  }

  static SmsCodeResult cooldown(long retryAfterSeconds) {
    return new SmsCodeResult(Status.COOLDOWN, null, null, retryAfterSeconds);
  }

  static SmsCodeResult limitReached() {
    return new SmsCodeResult(Status.LIMIT_REACHED, null, null, 0);
  }

  static SmsCodeResult notSent(SmsSender.Result result) {
    Status status =
        switch (result) {
          case INVALID_NUMBER -> Status.SMS_INVALID_NUMBER;
          case RATE_LIMITED -> Status.SMS_RATE_LIMITED;
          case REFUSED, UNAVAILABLE, SENT -> Status.SMS_UNAVAILABLE;
        };
    return new SmsCodeResult(status, null, null, 0);
  }
}
