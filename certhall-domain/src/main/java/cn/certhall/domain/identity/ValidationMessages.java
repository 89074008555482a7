package cn.certhall.domain.identity;

import java.util.Locale;

/**
 * The message shown next to a refused field, in Chinese (the default) or English (SPEC 4). Where
 * the rule is simple enough to state (a length, the allowed characters), the message states it, so
 * that the person knows what to type instead.
 */
public final class ValidationMessages {

  private ValidationMessages() {}

  /** English for an English locale, Chinese for any other. */
  public static String message(ValidationFailure failure, Locale locale) {
    boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    return english ? english(failure) : chinese(failure);
  }

  public static String chinese(ValidationFailure failure) {
    Field field = failure.field();
    String label = chineseLabel(field);
    return switch (failure.error()) {
      case EMPTY -> field == Field.ID_TYPE ? "请选择证件类型" : "请填写" + label;
      case BAD_CHARACTER ->
          switch (field) {
            case UNIFIED_SOCIAL_CREDIT_CODE -> label + "只能包含数字和大写字母（不含 I、O、S、V、Z）";
            case RESIDENT_ID_NUMBER -> label + "只能包含数字，末位可以是 X";
            case MOBILE_NUMBER, BANK_CARD_NUMBER, CORPORATE_ACCOUNT_NUMBER -> label + "只能包含数字";
            case EMAIL_ADDRESS -> label + "不能包含空格";
            default -> label + "含有不允许的字符";
          };
      case BAD_LENGTH ->
          switch (field) {
            case UNIFIED_SOCIAL_CREDIT_CODE -> label + "应为" + UnifiedSocialCreditCode.LENGTH + "位";
            case RESIDENT_ID_NUMBER -> label + "应为" + ResidentIdNumber.LENGTH + "位";
            case MOBILE_NUMBER -> label + "应为" + MobileNumber.LENGTH + "位";
            case BANK_CARD_NUMBER ->
                label + "应为" + BankCardNumber.MIN_LENGTH + "至" + BankCardNumber.MAX_LENGTH + "位数字";
            case CORPORATE_ACCOUNT_NUMBER ->
                label
                    + "应为"
                    + CorporateAccountNumber.MIN_LENGTH
                    + "至"
                    + CorporateAccountNumber.MAX_LENGTH
                    + "位数字";
            case EMAIL_ADDRESS -> label + "不能超过" + EmailAddress.MAX_LENGTH + "个字符";
            default -> label + "长度不正确";
          };
      case BAD_FORMAT -> label + "格式不正确";
      case BAD_CHECK_CHARACTER -> label + "校验位不正确";
      case BAD_BIRTH_DATE -> label + "中的出生日期不正确";
      case BIRTH_DATE_IN_FUTURE -> label + "中的出生日期不能晚于今天";
      case NOT_MAINLAND_MOBILE -> "仅支持中国大陆手机号码";
    };
  }

  public static String english(ValidationFailure failure) {
    Field field = failure.field();
    String label = englishLabel(field);
    String the = "The " + label;
    return switch (failure.error()) {
      case EMPTY -> field == Field.ID_TYPE ? "Choose an ID type." : "Enter the " + label + ".";
      case BAD_CHARACTER ->
          switch (field) {
            case UNIFIED_SOCIAL_CREDIT_CODE ->
                the + " may contain only digits and capital letters other than I, O, S, V and Z.";
            case RESIDENT_ID_NUMBER ->
                the + " may contain only digits, and X as the last character.";
            case MOBILE_NUMBER, BANK_CARD_NUMBER, CORPORATE_ACCOUNT_NUMBER ->
                the + " may contain only digits.";
            case EMAIL_ADDRESS -> the + " may not contain spaces.";
            default -> the + " contains a character that is not allowed.";
          };
      case BAD_LENGTH ->
          switch (field) {
            case UNIFIED_SOCIAL_CREDIT_CODE ->
                the + " must be " + UnifiedSocialCreditCode.LENGTH + " characters long.";
            case RESIDENT_ID_NUMBER ->
                the + " must be " + ResidentIdNumber.LENGTH + " characters long.";
            case MOBILE_NUMBER -> the + " must be " + MobileNumber.LENGTH + " digits long.";
            case BANK_CARD_NUMBER ->
                the
                    + " must be "
                    + BankCardNumber.MIN_LENGTH
                    + " to "
                    + BankCardNumber.MAX_LENGTH
                    + " digits long.";
            case CORPORATE_ACCOUNT_NUMBER ->
                the
                    + " must be "
                    + CorporateAccountNumber.MIN_LENGTH
                    + " to "
                    + CorporateAccountNumber.MAX_LENGTH
                    + " digits long.";
            case EMAIL_ADDRESS ->
                the + " may be at most " + EmailAddress.MAX_LENGTH + " characters long.";
            default -> the + " has the wrong length.";
          };
      case BAD_FORMAT -> the + " is not in a valid format.";
      case BAD_CHECK_CHARACTER -> "The check character of the " + label + " is wrong.";
      case BAD_BIRTH_DATE -> "The birth date in the " + label + " is not a valid date.";
      case BIRTH_DATE_IN_FUTURE -> "The birth date in the " + label + " is after today.";
      case NOT_MAINLAND_MOBILE -> "Only mainland China mobile numbers are supported.";
    };
  }

  private static String chineseLabel(Field field) {
    return switch (field) {
      case UNIFIED_SOCIAL_CREDIT_CODE -> "统一社会信用代码";
      case ID_TYPE -> "证件类型";
      case RESIDENT_ID_NUMBER -> "身份证号码";
      case ID_NUMBER -> "证件号码";
      case MOBILE_NUMBER -> "手机号码";
      case BANK_CARD_NUMBER -> "银行卡号";
      case CORPORATE_ACCOUNT_NUMBER -> "对公账号";
      case EMAIL_ADDRESS -> "电子邮箱";
    };
  }

  private static String englishLabel(Field field) {
    return switch (field) {
      case UNIFIED_SOCIAL_CREDIT_CODE -> "unified social credit code";
      case ID_TYPE -> "ID type";
      case RESIDENT_ID_NUMBER -> "resident ID number";
      case ID_NUMBER -> "ID number";
      case MOBILE_NUMBER -> "mobile number";
      case BANK_CARD_NUMBER -> "bank card number";
      case CORPORATE_ACCOUNT_NUMBER -> "corporate account number";
      case EMAIL_ADDRESS -> "e-mail address";
    };
  }
}
