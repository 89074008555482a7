package cn.certhall.app.portal;

import static cn.certhall.app.portal.ApplicationForm.*;

import cn.certhall.app.sealmaking.SealService;
import cn.certhall.documents.seal.RoundSeal;
import cn.certhall.documents.seal.SealException;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.identity.BankCardNumber;
import cn.certhall.domain.identity.CorporateAccountNumber;
import cn.certhall.domain.identity.EmailAddress;
import cn.certhall.domain.identity.IdNumber;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.MobileNumber;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.identity.ValidationError;
import cn.certhall.domain.identity.ValidationMessages;
import cn.certhall.domain.identity.ValidationResult;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;

/**
 * Checks the application form on the server (SPEC 3.1 step 1, the validators): every field
 * at once, so the page comes back with an error next to each bad field, worded in the person's
 * language. The formats are the domain's validators ({@code cn.certhall.domain.identity}); the
 * lengths are those the order keeps. A form that passes becomes the order's {@link
 * UnitApplication}, built from the normalised values.
 */
final class ApplicationFormCheck {
  static final int MAX_NAME = 100;
  static final int MAX_ORGANIZATION_NAME = 200;
  static final int MAX_ACCOUNT_NAME = 200;
  static final int MAX_BANK = 100;

  /** The outcome: errors by field (in form order), or the application. */
  record Result(Map<String, String> errors, UnitApplication application) {
    boolean passed() {
      return errors.isEmpty();
    }
  }

  private final ApplicationForm form;
  private final MessageSource messages;
  private final Locale locale;
  private final LocalDate today;
  private final Map<String, String> errors = new LinkedHashMap<>();

  private ApplicationFormCheck(
      ApplicationForm form, MessageSource messages, Locale locale, Clock clock) {
    this.form = form;
    this.messages = messages;
    this.locale = locale;
    this.today = LocalDate.ofInstant(clock.instant(), CertificateRules.CHINA_TIME);
  }

  static Result check(ApplicationForm form, MessageSource messages, Locale locale, Clock clock) {
    return new ApplicationFormCheck(form, messages, locale, clock).run();
  }

  private Result run() {
    String organizationName = text(ORGANIZATION_NAME, MAX_ORGANIZATION_NAME);
    sealDrawable(organizationName);
    String creditCode = format(CREDIT_CODE, UnifiedSocialCreditCode::validate);
    String legalRepName = text(LEGAL_REP_NAME, MAX_NAME);
    String legalRepId =
        format(LEGAL_REP_ID_NUMBER, raw -> IdNumber.validate(IdType.RESIDENT_ID_CARD, raw, today));

    String handlerName = text(HANDLER_NAME, MAX_NAME);
    IdType handlerIdType = idType(HANDLER_ID_TYPE);
    String handlerId = idNumber(HANDLER_ID_NUMBER, handlerIdType);
    String handlerMobile = format(HANDLER_MOBILE, MobileNumber::validate);
    String handlerEmail = format(HANDLER_EMAIL, EmailAddress::validate);

    String adminName = text(ADMIN_NAME, MAX_NAME);
    IdType adminIdType = idType(ADMIN_ID_TYPE);
    String adminId = idNumber(ADMIN_ID_NUMBER, adminIdType);
    String adminMobile = format(ADMIN_MOBILE, MobileNumber::validate);

    EnterpriseVerificationDetails enterprise = enterpriseVerification();
    AdministratorVerificationDetails administrator = administratorVerification(adminIdType);

    if (!errors.isEmpty()) {
      return new Result(errors, null);
    }
    UnitApplication application =
        new UnitApplication(
            organizationName,
            creditCode,
            new UnitApplication.LegalRepresentative(legalRepName, legalRepId),
            new UnitApplication.Handler(
                handlerName, handlerIdType, handlerId, handlerMobile, handlerEmail),
            new UnitApplication.Administrator(adminName, adminIdType, adminId, adminMobile),
            enterprise,
            administrator);
    return new Result(Map.of(), application);
  }

  private EnterpriseVerificationDetails enterpriseVerification() {
    EnterpriseMethod method = choice(ENTERPRISE_METHOD, EnterpriseMethod.class);
    if (method == null) {
      return null;
    }
    return switch (method) {
      case CORPORATE_TRANSFER -> {
        String accountName = text(ACCOUNT_NAME, MAX_ACCOUNT_NAME);
        String accountNumber = format(ACCOUNT_NUMBER, CorporateAccountNumber::validate);
        String bank = bank();
        yield errors.isEmpty()
            ? EnterpriseVerificationDetails.corporateTransfer(accountName, accountNumber, bank)
            : null;
      }
      case LEGAL_REP_MOBILE -> {
        String mobile = format(LEGAL_REP_MOBILE, MobileNumber::validate);
        yield errors.isEmpty() ? EnterpriseVerificationDetails.legalRepMobile(mobile) : null;
      }
      case LEGAL_REP_BANK_CARD -> {
        String card = format(LEGAL_REP_CARD_NUMBER, BankCardNumber::validate);
        String mobile = format(LEGAL_REP_CARD_MOBILE, MobileNumber::validate);
        yield errors.isEmpty()
            ? EnterpriseVerificationDetails.legalRepBankCard(card, mobile)
            : null;
      }
    };
  }

  private AdministratorVerificationDetails administratorVerification(IdType adminIdType) {
    AdministratorMethod method = choice(ADMIN_METHOD, AdministratorMethod.class);
    if (method == null) {
      return null;
    }
    if (method == AdministratorMethod.MOBILE) {
      // 手机三要素 is name, resident ID number and mobile (manual 1.1): other documents use the card
      if (adminIdType != null && adminIdType != IdType.RESIDENT_ID_CARD) {
        errors.put(ADMIN_METHOD, message("form.error.adminMobileNeedsResidentId"));
        return null;
      }
      return AdministratorVerificationDetails.mobile();
    }
    String card = format(ADMIN_CARD_NUMBER, BankCardNumber::validate);
    String mobile = format(ADMIN_CARD_MOBILE, MobileNumber::validate);
    return errors.isEmpty() ? AdministratorVerificationDetails.bankCard(card, mobile) : null;
  }

  /** A bank from the list, or after 其他 the name typed in. */
  private String bank() {
    String chosen = form.get(BANK).strip();
    if (chosen.isEmpty()) {
      errors.put(BANK, message("form.error.choose", label(BANK)));
      return null;
    }
    if (OTHER_BANK.equals(chosen)) {
      return text(BANK_OTHER, MAX_BANK);
    }
    if (!BANKS.contains(chosen)) {
      errors.put(BANK, message("form.error.choose", label(BANK)));
      return null;
    }
    return chosen;
  }

  /**
   * The round seal is drawn from the name when the 印章采集表 has no usable impression: a name it cannot
   * hold (a character outside the seal font, too long) is told at once, and passes once the
   * applicant confirms that the form with the impression will be uploaded. Were it missed, the
   * certificate would still be issued, its seal left to the CA administrator.
   */
  private void sealDrawable(String organizationName) {
    if (organizationName == null || "on".equals(form.get(SEAL_IMPRESSION_PROMISED))) {
      return;
    }
    try {
      RoundSeal.check(organizationName, SealService.DIAMETER);
    } catch (SealException e) {
      errors.put(ORGANIZATION_NAME, message("form.error.sealName", e.getMessage()));
      errors.put(SEAL_IMPRESSION_PROMISED, message("form.error.sealImpressionPromised"));
    }
  }

  /** Free text (names): required, at most {@code max} characters, surrounding blanks dropped. */
  private String text(String field, int max) {
    String value = form.get(field).strip();
    if (value.isEmpty()) {
      errors.put(field, message("form.error.required", label(field)));
      return null;
    }
    if (value.codePointCount(0, value.length()) > max) {
      errors.put(field, message("form.error.tooLong", label(field), max));
      return null;
    }
    return value;
  }

  /** A number checked by a domain validator; the empty field is named by its own label. */
  private String format(String field, Function<String, ValidationResult> validator) {
    ValidationResult result = validator.apply(form.get(field));
    if (result.isValid()) {
      return result.value();
    }
    errors.put(
        field,
        result.failure().error() == ValidationError.EMPTY
            ? message("form.error.required", label(field))
            : ValidationMessages.message(result.failure(), locale));
    return null;
  }

  private String idNumber(String field, IdType type) {
    if (type == null) {
      // the type's own error says what to do; the number is checked once a type is chosen
      return form.get(field).isBlank() ? missing(field) : null;
    }
    return format(field, raw -> IdNumber.validate(type, raw, today));
  }

  private String missing(String field) {
    errors.put(field, message("form.error.required", label(field)));
    return null;
  }

  private IdType idType(String field) {
    IdType type = choice(field, IdType.class);
    if (type != null && !type.isPersonal()) {
      errors.put(field, message("form.error.choose", label(field)));
      return null;
    }
    return type;
  }

  private <E extends Enum<E>> E choice(String field, Class<E> type) {
    String value = form.get(field).strip();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    errors.put(field, message("form.error.choose", label(field)));
    return null;
  }

  private String label(String field) {
    return messages.getMessage("form.label." + field, null, locale);
  }

  private String message(String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
