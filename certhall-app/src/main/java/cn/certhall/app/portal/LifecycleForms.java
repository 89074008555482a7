package cn.certhall.app.portal;

import cn.certhall.domain.identity.BankCardNumber;
import cn.certhall.domain.identity.MobileNumber;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.identity.ValidationMessages;
import cn.certhall.domain.identity.ValidationResult;
import cn.certhall.domain.lifecycle.HandlerCheck;
import cn.certhall.domain.lifecycle.IdentityCheck;
import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.UnitApplication;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The forms of 证书更新, 信息变更 and 证书吊销 as the browser sends them: the entry's claim, the renewal or
 * change form (the certificate's application with the fields they may change), and the revocation
 * form (reason and enterprise method), each checked for format with an error by field in the
 * person's language, and the handler's verification choice.
 */
@Component
class LifecycleForms {
  /** The fields the renewal and change forms may change: everything but the credit code. */
  static final List<String> EDITABLE =
      List.of(
          ApplicationForm.ORGANIZATION_NAME,
          ApplicationForm.LEGAL_REP_NAME,
          ApplicationForm.LEGAL_REP_ID_NUMBER,
          ApplicationForm.HANDLER_NAME,
          ApplicationForm.HANDLER_ID_TYPE,
          ApplicationForm.HANDLER_ID_NUMBER,
          ApplicationForm.HANDLER_MOBILE,
          ApplicationForm.HANDLER_EMAIL,
          ApplicationForm.ADMIN_NAME,
          ApplicationForm.ADMIN_ID_TYPE,
          ApplicationForm.ADMIN_ID_NUMBER,
          ApplicationForm.ADMIN_MOBILE);

  /** The enterprise verification fields of the new-unit form, asked again for a revocation. */
  static final List<String> ENTERPRISE_FIELDS =
      List.of(
          ApplicationForm.ENTERPRISE_METHOD,
          ApplicationForm.ACCOUNT_NAME,
          ApplicationForm.ACCOUNT_NUMBER,
          ApplicationForm.BANK,
          ApplicationForm.BANK_OTHER,
          ApplicationForm.LEGAL_REP_MOBILE,
          ApplicationForm.LEGAL_REP_CARD_NUMBER,
          ApplicationForm.LEGAL_REP_CARD_MOBILE);

  /** What the entry form held, given back when the page comes back (never the code). */
  public record EntryForm(String method, String creditCode, String name, String mobile)
      implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  /** The entry checked: errors by field, or the claim. */
  record Entry(EntryForm form, Map<String, String> errors, IdentityCheck.Claim claim) {}

  /**
   * A form as typed with its errors, or (none) what it states: the application, the handler's
   * method and, for a revocation, the reason.
   *
   * @param extra the fields beside the application (handler method and card, reason)
   */
  record Checked(
      ApplicationForm form,
      Map<String, String> extra,
      Map<String, String> errors,
      UnitApplication application,
      HandlerCheck handler,
      RevocationChoice reason) {
    boolean passed() {
      return errors.isEmpty();
    }
  }

  private final MessageSource messages;
  private final Clock clock;

  LifecycleForms(MessageSource messages, Clock clock) {
    this.messages = messages;
    this.clock = clock;
  }

  Entry entry(String method, String creditCode, String name, String mobile, Locale locale) {
    EntryForm form = new EntryForm(method, creditCode, name, mobile);
    Map<String, String> errors = new LinkedHashMap<>();
    IdentityCheck.Method m =
        Arrays.stream(IdentityCheck.Method.values())
            .filter(v -> v.name().equals(method))
            .findFirst()
            .orElse(null);
    if (m == null) {
      errors.put("method", message("lifecycle.entry.error.method", locale));
    }
    ValidationResult code18 = UnifiedSocialCreditCode.validate(creditCode);
    if (!code18.isValid()) {
      errors.put("creditCode", ValidationMessages.message(code18.failure(), locale));
    }
    if (name.isBlank() || name.strip().length() > ApplicationFormCheck.MAX_NAME) {
      errors.put("name", message("lifecycle.entry.error.name", locale));
    }
    ValidationResult mobileNumber = MobileNumber.validate(mobile);
    if (!mobileNumber.isValid()) {
      errors.put("mobile", ValidationMessages.message(mobileNumber.failure(), locale));
    }
    return new Entry(
        form,
        errors,
        errors.isEmpty()
            ? new IdentityCheck.Claim(m, code18.value(), name, mobileNumber.value())
            : null);
  }

  /** A renewal's or change's form as it is first shown: the certificate's application. */
  static Checked shown(UnitApplication current) {
    return new Checked(
        ApplicationForm.of(current), Map.of("handlerMethod", "MOBILE"), Map.of(), null, null, null);
  }

  /** The renewal or change form: the certificate's application with the fields they may change. */
  Checked change(
      BusinessType type, UnitApplication current, Map<String, String> parameters, Locale locale) {
    Map<String, String> merged = new LinkedHashMap<>(ApplicationForm.of(current).getValues());
    for (String field : EDITABLE) {
      if (parameters.containsKey(field)) {
        merged.put(field, parameters.get(field));
      }
    }
    if (type == BusinessType.INFORMATION_CHANGE) {
      for (String field :
          List.of(
              ApplicationForm.ADMIN_METHOD,
              ApplicationForm.ADMIN_CARD_NUMBER,
              ApplicationForm.ADMIN_CARD_MOBILE)) {
        merged.put(field, parameters.getOrDefault(field, ""));
      }
    }
    ApplicationForm form = ApplicationForm.of(merged);
    Map<String, String> extra = handlerFields(parameters);
    ApplicationFormCheck.Result checked = ApplicationFormCheck.check(form, messages, locale, clock);
    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
    if (!"yes".equals(parameters.get("agree"))) {
      errors.put("agree", message("agreement.error", locale));
    }
    if (type == BusinessType.RENEWAL) {
      errors.putAll(checkHandlerFields(extra, locale));
    }
    return new Checked(
        form,
        extra,
        errors,
        errors.isEmpty() ? checked.application() : null,
        handlerCheck(extra),
        null);
  }

  /** The revocation form: the reason, the enterprise method and the handler's verification. */
  Checked revocation(UnitApplication current, Map<String, String> parameters, Locale locale) {
    Map<String, String> merged = new LinkedHashMap<>(ApplicationForm.of(current).getValues());
    for (String field : ENTERPRISE_FIELDS) {
      if (parameters.containsKey(field)) {
        merged.put(field, parameters.get(field));
      }
    }
    ApplicationForm form = ApplicationForm.of(merged);
    Map<String, String> fields = handlerFields(parameters);
    fields.put("reason", parameters.getOrDefault("reason", ""));
    ApplicationFormCheck.Result checked = ApplicationFormCheck.check(form, messages, locale, clock);
    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
    errors.putAll(checkHandlerFields(fields, locale));
    RevocationChoice reason =
        Arrays.stream(RevocationChoice.values())
            .filter(r -> r.name().equals(fields.get("reason")))
            .findFirst()
            .orElse(null);
    if (reason == null) {
      errors.put("reason", message("lifecycle.revoke.error.reason", locale));
    }
    return new Checked(
        form,
        fields,
        errors,
        errors.isEmpty() ? checked.application() : null,
        handlerCheck(fields),
        reason);
  }

  /** The same form shown again with {@code more} errors. */
  static Checked withErrors(Checked checked, Map<String, String> more) {
    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
    errors.putAll(more);
    return new Checked(checked.form(), checked.extra(), errors, null, null, checked.reason());
  }

  private static Map<String, String> handlerFields(Map<String, String> parameters) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("handlerMethod", parameters.getOrDefault("handlerMethod", ""));
    fields.put("handlerCardNumber", parameters.getOrDefault("handlerCardNumber", ""));
    fields.put("handlerCardMobile", parameters.getOrDefault("handlerCardMobile", ""));
    return fields;
  }

  /** Checks the handler's choice; a valid card and mobile are put back normalised. */
  private Map<String, String> checkHandlerFields(Map<String, String> fields, Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    String method = fields.get("handlerMethod");
    if ("BANK_CARD".equals(method)) {
      ValidationResult card = BankCardNumber.validate(fields.get("handlerCardNumber"));
      if (!card.isValid()) {
        errors.put("handlerCardNumber", ValidationMessages.message(card.failure(), locale));
      } else {
        fields.put("handlerCardNumber", card.value());
      }
      ValidationResult mobile = MobileNumber.validate(fields.get("handlerCardMobile"));
      if (!mobile.isValid()) {
        errors.put("handlerCardMobile", ValidationMessages.message(mobile.failure(), locale));
      } else {
        fields.put("handlerCardMobile", mobile.value());
      }
    } else if (!"MOBILE".equals(method)) {
      errors.put("handlerMethod", message("lifecycle.verify.handler.choose", locale));
    }
    return errors;
  }

  /** The handler's choice: the bank card when chosen (and valid), else 手机三要素. */
  private static HandlerCheck handlerCheck(Map<String, String> fields) {
    return "BANK_CARD".equals(fields.get("handlerMethod"))
            && BankCardNumber.validate(fields.get("handlerCardNumber")).isValid()
            && MobileNumber.validate(fields.get("handlerCardMobile")).isValid()
        ? HandlerCheck.byBankCard(fields.get("handlerCardNumber"), fields.get("handlerCardMobile"))
        : HandlerCheck.byMobile();
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
