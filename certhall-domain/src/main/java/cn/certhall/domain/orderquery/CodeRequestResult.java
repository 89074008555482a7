package cn.certhall.domain.orderquery;

import java.util.Objects;

/**
 * The answer to 获取验证码 on the query form. It never says whether the ID number has orders, nor to
 * which mobile the code went: that would tell a stranger who is a customer of the CA.
 *
 * @param retryAfterSeconds {@link Status#COOLDOWN}: whole seconds to wait; 0 otherwise
 */
public record CodeRequestResult(Status status, long retryAfterSeconds) {

  public enum Status {
    /** 如该证件号下有订单，验证码已发送至订单经办人的手机. */
    REQUESTED,
    /** 请 n 秒后再获取. */
    COOLDOWN,
    /** 短信发送失败，请稍后再试. */
    SMS_UNAVAILABLE,
    /** 今日获取验证码次数已达上限，请明天再试. */
    LIMIT_REACHED
  }

  public CodeRequestResult {
    Objects.requireNonNull(status, "status");
    if (status == Status.COOLDOWN ? retryAfterSeconds < 1 : retryAfterSeconds != 0) {
      throw new IllegalArgumentException(
          "retry after " + retryAfterSeconds + " s does not fit " + status);
    }
  }
}
