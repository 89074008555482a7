package cn.certhall.domain.identity;

/** The kind of value a failure is about; the web layer knows which form field held it. */
public enum Field {
  /** The organization's unified social credit code. */
  UNIFIED_SOCIAL_CREDIT_CODE,
  /** The kind of a person's ID document, chosen from a list. */
  ID_TYPE,
  /** A resident ID number (身份证号码). */
  RESIDENT_ID_NUMBER,
  /** The number of any other ID document (证件号码): passport, permits, military and police cards. */
  ID_NUMBER,
  MOBILE_NUMBER,
  BANK_CARD_NUMBER,
  CORPORATE_ACCOUNT_NUMBER,
  EMAIL_ADDRESS
}
