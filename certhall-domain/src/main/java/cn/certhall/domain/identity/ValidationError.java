package cn.certhall.domain.identity;

/**
 * Why a value was refused, as a stable code for the portal to word (see {@link
 * ValidationMessages}).
 */
public enum ValidationError {
  /** Nothing entered, or only blanks. */
  EMPTY,
  /**
   * A character the value may not contain (or not at that place, like an X inside an ID number).
   */
  BAD_CHARACTER,
  /** The right characters, but too few or too many of them. */
  BAD_LENGTH,
  /** The right characters and length, in a layout the value cannot have. */
  BAD_FORMAT,
  /** The check character (or the Luhn digit of a card) does not match the rest. */
  BAD_CHECK_CHARACTER,
  /** The birth date in a resident ID number is not a real date, or before 1800. */
  BAD_BIRTH_DATE,
  /** The birth date in a resident ID number is after today. */
  BIRTH_DATE_IN_FUTURE,
  /** A mobile number, but not a mainland China one (手机号仅支持中国境内手机号). */
  NOT_MAINLAND_MOBILE
}
