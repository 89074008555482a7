package cn.certhall.domain.verification;

/** How a code reaches the person who must enter it. */
public enum CodeChannel {
  /** A text message to a mainland mobile. */
  SMS,
  /** The remark (附言) of a 0.01 CNY transfer to the organization's corporate account. */
  TRANSFER_REMARK
}
