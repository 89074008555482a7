package cn.certhall.app.portal;

import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.NewApplicationFlow;
import cn.certhall.domain.order.NewApplicationFlow.Submission;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.CodeChannel;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.EnterpriseMethod;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.EnterpriseVerificationResult.Outcome;
import cn.certhall.domain.verification.TransferTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The verifications of the form (SPEC 3.1 steps 2 and 3, done by {@link NewApplicationFlow}) as the
 * session and the pages meet them: the code the session received (so an unchanged resubmission
 * keeps it), and a failure as an error next to the part of the form it concerns, worded in the
 * person's language; a failed legal-representative method suggests the corporate transfer (manual
 * 1.1).
 */
@Component
public class ApplicationVerifier {
  private final NewApplicationFlow flow;
  private final EnterpriseVerification enterprise;
  private final AuthorizationCodes codes;
  private final MessageSource messages;

  public ApplicationVerifier(
      NewApplicationFlow flow,
      EnterpriseVerification enterprise,
      AuthorizationCodes codes,
      MessageSource messages) {
    this.flow = flow;
    this.enterprise = enterprise;
    this.codes = codes;
    this.messages = messages;
  }

  /** The answer to 重新获取. */
  record Resend(boolean sent, String message) {}

  /**
   * Whether the code this session already received was sent for this very enterprise verification
   * (返回修改 and 下一步 again inside the resend cooldown): then it is not sent again.
   */
  static boolean codeStands(ApplicationDraft draft, UnitApplication application) {
    return draft.codeSent != null && fingerprint(application).equals(draft.codeSent.fingerprint());
  }

  /**
   * Keeps in the draft where a code went (or that none stands after a failed enterprise
   * verification); the errors by form field of a submission that did not pass, none when it did.
   */
  Map<String, String> record(
      Submission result, UnitApplication application, ApplicationDraft draft, Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (result instanceof Submission.Submitted submitted && submitted.sent() != null) {
      draft.codeSent = codeSent(submitted.sent(), fingerprint(application));
    } else if (result instanceof Submission.AdministratorNotVerified admin) {
      errors.put(
          ApplicationForm.ADMIN_METHOD,
          message(locale, "verify.admin." + admin.result().outcome().name()));
    } else if (result instanceof Submission.EnterpriseNotVerified failed) {
      draft.codeSent = null;
      errors.put(fieldOf(failed.result()), enterpriseProblem(failed.result(), locale));
    } else if (result instanceof Submission.CreditCodeChanged) {
      errors.put(ApplicationForm.CREDIT_CODE, message(locale, "form.error.creditCodeFixed"));
    }
    return errors;
  }

  /** 重新获取: the order's enterprise verification again, a new code once the cooldown is over. */
  Resend resend(Order order, ApplicationDraft draft, Locale locale) {
    EnterpriseVerificationResult result = flow.resendCode(order.id());
    if (result.isCodeSent()) {
      draft.codeSent = codeSent(result, fingerprint(order.application()));
      return new Resend(
          true,
          message(locale, result.delivery().awaitingTransfer() ? "code.requeued" : "code.resent"));
    }
    return new Resend(false, enterpriseProblem(result, locale));
  }

  /** Why an entered authorization code was refused. */
  String codeProblem(CodeCheck check, Locale locale) {
    return check.status() == CodeCheck.Status.WRONG
        ? message(locale, "code.error.WRONG", check.triesLeft())
        : message(locale, "code.error." + check.status().name());
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

  private static ApplicationDraft.CodeSent codeSent(
      EnterpriseVerificationResult result, String fingerprint) {
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
   * representative and the organization (name and credit code). Kept in the session instead of the
   * values themselves.
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
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String message(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
