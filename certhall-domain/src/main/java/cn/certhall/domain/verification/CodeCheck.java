package cn.certhall.domain.verification;

/**
 * The answer to an entered code.
 *
 * @param triesLeft for {@link Status#WRONG}: wrong entries the code still survives (at least 1); 0
 *     otherwise
 */
public record CodeCheck(Status status, int triesLeft) {

  public enum Status {
    /** The code is right; it is used up and will not pass again. 授权码正确. */
    OK,
    /** Wrong, and the code survives {@code triesLeft} more wrong entries. 授权码错误，还可尝试 n 次. */
    WRONG,
    /** Past its lifetime: a new code is needed. 授权码已过期，请重新获取. */
    EXPIRED,
    /**
     * Too many wrong entries: the code is dead and a new one is needed. Answered for the wrong
     * entry that used up the last try and for every entry after it, right or wrong.
     * 授权码错误次数过多，请重新获取.
     */
    LOCKED,
    /** No code outstanding: never issued, used already, or replaced and withdrawn. 请先获取授权码. */
    NONE,
    /**
     * The corporate transfer waits for finance to make it ({@link ManualTransfer}): the code is not
     * valid yet and the entry costs no try. 打款尚未完成，到账后请填写附言中的授权码.
     */
    TRANSFER_PENDING,
    /**
     * Finance could not make the corporate transfer (the bank's answer is on the page): no code
     * will arrive; correct the account. 打款失败，请返回修改对公账户信息.
     */
    TRANSFER_FAILED
  }

  public CodeCheck {
    if (status == null) {
      throw new IllegalArgumentException("status is required");
    }
    if (status == Status.WRONG ? triesLeft < 1 : triesLeft != 0) {
      throw new IllegalArgumentException("tries left " + triesLeft + " do not fit " + status);
    }
  }

  static CodeCheck of(Status status) {
    return new CodeCheck(status, 0);
  }

  static CodeCheck wrong(int triesLeft) {
    return new CodeCheck(Status.WRONG, triesLeft);
  }

  public boolean isOk() {
    return status == Status.OK;
  }
}
