package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer to "send me a code by SMS".
 *
 * @param maskedMobile      {@link Status#SENT}: where it went, masked (138****5678); null when
 *                          nothing was meant to go anywhere
 * @param expiresAt         {@link Status#SENT}: the last instant at which the code is accepted
 * @param retryAfterSeconds {@link Status#COOLDOWN}: whole seconds to wait; 0 otherwise
 */
public record SmsCodeResult(Status status, String maskedMobile, Instant expiresAt, long retryAfterSeconds) {

    public enum Status {
        /** 授权码已发送至 138****5678. */
        SENT,
        /** 请 n 秒后再获取. */
        COOLDOWN,
        /** 短信发送失败，请稍后再试. No code is outstanding: the next request need not wait. */
        SMS_UNAVAILABLE,
        /** 今日获取验证码次数已达上限，请明天再试. A daily cap is reached; nothing was sent. */
        LIMIT_REACHED
    }

    public SmsCodeResult {
        Objects.requireNonNull(status, "status");
    }

    static SmsCodeResult sent(String mobile, Instant expiresAt) {
        return new SmsCodeResult(Status.SENT, mobile == null ? null : Masking.mobile(mobile), expiresAt, 0);
    }

    static SmsCodeResult cooldown(long retryAfterSeconds) {
        return new SmsCodeResult(Status.COOLDOWN, null, null, retryAfterSeconds);
    }

    static SmsCodeResult limitReached() {
        return new SmsCodeResult(Status.LIMIT_REACHED, null, null, 0);
    }

    static SmsCodeResult unavailable() {
        return new SmsCodeResult(Status.SMS_UNAVAILABLE, null, null, 0);
    }
}
