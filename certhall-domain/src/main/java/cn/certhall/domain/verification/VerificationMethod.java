package cn.certhall.domain.verification;

/** How a person was checked. */
public enum VerificationMethod {
  /** 手机三要素. */
  MOBILE_THREE_FACTOR,
  /** 银行卡四要素. */
  BANK_CARD_FOUR_FACTOR,
  /** 人脸识别 against the ID photo on record. */
  FACE
}
