package cn.certhall.domain.verification;

/** 企业认证方式: how an organization proves itself, one of three (三选一). */
public enum EnterpriseMethod {
  /** 企业对公打款: 0.01 CNY to the corporate account; the remark carries the code. */
  CORPORATE_TRANSFER,
  /** 法定代表人手机三要素: name, ID number and real-name mobile; the code by SMS to that mobile. */
  LEGAL_REP_MOBILE,
  /** 法定代表人银行卡: name, ID, card and bank-reserved mobile; the code by SMS to that mobile. */
  LEGAL_REP_BANK_CARD
}
