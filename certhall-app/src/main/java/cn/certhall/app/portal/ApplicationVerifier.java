package cn.certhall.app.portal;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.ApplicationCorrection;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeChannel;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.EnterpriseMethod;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.TransferTask;
import cn.certhall.domain.verification.VerificationContext;
import java.time.Duration;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The verification steps of the form (SPEC 3.1 steps 2 and 3) through the domain's services:
 * first the administrator (a real-name check, no code), then the organization by its chosen
 * method, which sends the authorization code. A failure becomes an error next to the part of the
 * form it concerns, worded in the person's language; a failed legal-representative method
 * suggests the corporate transfer (manual 1.1).
 */
@Component
public class ApplicationVerifier {
  private final EnterpriseVerification enterprise;
  private final AdministratorVerification administrators;
  private final AuthorizationCodes codes;
  private final MessageSource messages;

  public ApplicationVerifier(
      EnterpriseVerification enterprise,
      AdministratorVerification administrators,
      AuthorizationCodes codes,
      MessageSource messages) {
    this.enterprise = enterprise;
    this.administrators = administrators;
    this.codes = codes;
    this.messages = messages;
  }

  /** The answer to 重新获取. */
  record Resend(boolean sent, String message) {}

  /**
   * Verifies the application's administrator and organization; errors by form field, none when
   * both passed and the code is out. {@code orderId} keys the code: the order's, or the number a
   * new application's order will take. An unchanged enterprise verification whose code this session
   * already received is not repeated (返回修改 and 下一步 again inside the resend cooldown).
   */
  Map<String, String> verify(String orderId, UnitApplication application, ApplicationDraft draft, Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    AdministratorVerification.Result admin = verifyAdministrator(orderId, application);
    if (!admin.isVerified()) {
      errors.put(ApplicationForm.ADMIN_METHOD, message(locale, "verify.admin." + admin.outcome().name()));
      return errors;
    }
    String fingerprint = fingerprint(application);
    if (draft.codeSent != null && fingerprint.equals(draft.codeSent.fingerprint())) {
      return errors;
    }
    EnterpriseVerificationResult result = sendCode(orderId, application);
    if (result.isCodeSent()) {
      draft.codeSent = codeSent(result, fingerprint);
      return errors;
    }
    draft.codeSent = null;
    errors.put(fieldOf(result), enterpriseProblem(result, locale));
    return errors;
  }

  /**
   * 返回修改 of a rejected order: only the verifications its changes made owed ({@link
   * ApplicationCorrection#owed}), administrator first; errors by form field, none when they passed
   * (and, for the enterprise verification, the new code is out).
   */
  Map<String, String> verifyAgain(
      String orderId,
      UnitApplication application,
      Set<ApplicationCorrection.Check> owed,
      ApplicationDraft draft,
      Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (owed.contains(ApplicationCorrection.Check.ADMINISTRATOR)) {
      AdministratorVerification.Result admin = verifyAdministrator(orderId, application);
      if (!admin.isVerified()) {
        errors.put(ApplicationForm.ADMIN_METHOD, message(locale, "verify.admin." + admin.outcome().name()));
        return errors;
      }
    }
    if (owed.contains(ApplicationCorrection.Check.ENTERPRISE)) {
      EnterpriseVerificationResult result = sendCode(orderId, application);
      if (!result.isCodeSent()) {
        draft.codeSent = null;
        errors.put(fieldOf(result), enterpriseProblem(result, locale));
        return errors;
      }
      draft.codeSent = codeSent(result, fingerprint(application));
    }
    return errors;
  }

  /** 重新获取: the order's enterprise verification again, a new code once the cooldown is over. */
  Resend resend(Order order, ApplicationDraft draft, Locale locale) {
    EnterpriseVerificationResult result = sendCode(order.id(), order.application());
    if (result.isCodeSent()) {
      draft.codeSent = codeSent(result, fingerprint(order.application()));
      return new Resend(
          true, message(locale, result.delivery().awaitingTransfer() ? "code.requeued" : "code.resent"));
    }
    return new Resend(false, enterpriseProblem(result, locale));
  }

  /** The order's newest corporate transfer that finance makes by hand, if there is one. */
  Optional<TransferTask> manualTransfer(String orderId) {
    return enterprise.manualTransfer(orderId);
  }

  /** How long a transfer's code is valid once the transfer is made. */
  Duration transferCodeLifetime() {
    return codes.policy(CodeChannel.TRANSFER_REMARK).lifetime();
  }

  /** Whole seconds before 重新获取 can send a new code for the order; 0: now. */
  long secondsUntilResend(Order order) {
    CodeChannel channel =
        order.application().enterpriseVerification().method() == EnterpriseMethod.CORPORATE_TRANSFER
            ? CodeChannel.TRANSFER_REMARK
            : CodeChannel.SMS;
    return codes.secondsUntilIssue(CodeKey.enterpriseVerification(order.id()), channel);
  }

  /** The check is recorded for {@code orderId}, the number the order has or will take. */
  private AdministratorVerification.Result verifyAdministrator(String orderId, UnitApplication application) {
    VerificationContext context = VerificationContext.administrator(orderId);
    UnitApplication.Administrator admin = application.administrator();
    return switch (application.administratorVerification().method()) {
      case MOBILE ->
          administrators.byMobile(context, new MobileThreeFactor(admin.name(), admin.idNumber(), admin.mobile()));
      case BANK_CARD ->
          administrators.byBankCard(
              context,
              new BankCardFourFactor(
                  admin.name(),
                  admin.idType(),
                  admin.idNumber(),
                  application.administratorVerification().cardNumber(),
                  application.administratorVerification().reservedMobile()));
    };
  }

  private EnterpriseVerificationResult sendCode(String orderId, UnitApplication application) {
    EnterpriseVerificationDetails details = application.enterpriseVerification();
    UnitApplication.LegalRepresentative legalRep = application.legalRepresentative();
    return switch (details.method()) {
      case CORPORATE_TRANSFER ->
          enterprise.byCorporateTransfer(
              orderId,
              new CorporateAccount(details.accountName(), details.accountNumber(), details.bank()));
      case LEGAL_REP_MOBILE ->
          enterprise.byLegalRepMobile(
              orderId, new MobileThreeFactor(legalRep.name(), legalRep.idNumber(), details.mobile()));
      case LEGAL_REP_BANK_CARD ->
          enterprise.byLegalRepBankCard(
              orderId,
              new BankCardFourFactor(
                  legalRep.name(),
                  IdType.RESIDENT_ID_CARD,
                  legalRep.idNumber(),
                  details.cardNumber(),
                  details.mobile()));
    };
  }

  private static ApplicationDraft.CodeSent codeSent(EnterpriseVerificationResult result, String fingerprint) {
    EnterpriseVerificationResult.Delivery delivery = result.delivery();
    return new ApplicationDraft.CodeSent(
        result.method().name(),
        delivery.channel().name(),
        delivery.maskedDestination(),
        delivery.expiresAt(),
        delivery.payerAccountName(),
        fingerprint);
  }

  /** Account problems belong to the account fields; the rest to the choice of method. */
  private static String fieldOf(EnterpriseVerificationResult result) {
    return switch (result.outcome()) {
      case ACCOUNT_NAME_MISMATCH -> ApplicationForm.ACCOUNT_NAME;
      case ACCOUNT_INVALID -> ApplicationForm.ACCOUNT_NUMBER;
      default -> ApplicationForm.ENTERPRISE_METHOD;
    };
  }

  private String enterpriseProblem(EnterpriseVerificationResult result, Locale locale) {
    String text =
        result.outcome() == Outcome.COOLDOWN
            ? message(locale, "verify.enterprise.COOLDOWN", result.retryAfterSeconds())
            : message(locale, "verify.enterprise." + result.outcome().name());
    if (result.suggestedMethod() == EnterpriseMethod.CORPORATE_TRANSFER) {
      text = text + " " + message(locale, "verify.enterprise.suggestTransfer");
    }
    return text;
  }

  /**
   * What the enterprise verification depends on, hashed: the method and its details, the legal
   * representative and the organization (name and credit code). Kept in the session instead of the values themselves.
   */
  static String fingerprint(UnitApplication application) {
    EnterpriseVerificationDetails d = application.enterpriseVerification();
    String joined =
        String.join(
            "\u0000",
            d.method().name(),
            String.valueOf(d.accountName()),
            String.valueOf(d.accountNumber()),
            String.valueOf(d.bank()),
            String.valueOf(d.cardNumber()),
            String.valueOf(d.mobile()),
            application.legalRepresentative().name(),
            application.legalRepresentative().idNumber(),
            application.organizationName(),
            application.creditCode());
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String message(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
