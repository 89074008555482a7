package cn.certhall.domain.verification;

/** How the certificate &amp; seal administrator (证书及印章管理员) is verified, one of two. */
public enum AdministratorMethod {
  /** 手机三要素: name, ID number and the administrator's real-name mobile. */
  MOBILE,
  /** 银行卡: name, ID type and number, card number and bank-reserved mobile. */
  BANK_CARD
}
