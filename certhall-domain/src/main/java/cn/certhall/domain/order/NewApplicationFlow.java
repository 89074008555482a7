package cn.certhall.domain.order;

import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import java.util.Objects;
import java.util.Set;

/**
 * The steps of a new unit certificate application (新办单位证书, SPEC 3.1), one method a step with a
 * typed result: 下一步 on the form (the administrator verified, then the organization, which sends the
 * authorization code; only then is there an order), 下一步 on a form corrected after a rejection (only
 * the verifications its changes owe), 返回修改, and the authorization code (证书授权码). The web layer calls
 * these, never the state machine, and words the results; the steps after (materials, signature,
 * payment) have services of their own.
 */
public final class NewApplicationFlow {
  static final HistoryNote VERIFIED_NOTE = HistoryNote.of("history.application.verified");
  static final HistoryNote BACK_TO_FORM_NOTE = HistoryNote.of("history.application.backToForm");
  static final HistoryNote CODE_ENTERED_NOTE = HistoryNote.of("history.application.codeEntered");

  /** What 下一步 on the form came to. */
  public sealed interface Submission {
    /**
     * Verified: the order at its next step.
     *
     * @param sent the code's delivery when one went out now; null when the code sent before stands
     */
    record Submitted(Order order, EnterpriseVerificationResult sent) implements Submission {}

    /** 证书及印章管理员核验 failed; nothing more was tried. */
    record AdministratorNotVerified(AdministratorVerification.Result result)
        implements Submission {}

    /** 企业认证 sent no code. */
    record EnterpriseNotVerified(EnterpriseVerificationResult result) implements Submission {}

    /**
     * The organization has an unfinished verified order (which one is not told); nothing was
     * verified.
     */
    record Unfinished() implements Submission {}

    /** The form of an order names another organization: a new application, not a change. */
    record CreditCodeChanged() implements Submission {}
  }

  private final OrderService orders;
  private final EnterpriseVerification enterprise;
  private final ApplicantChecks applicants;
  private final ApplicationCorrection correction;
  private final Transactions transactions;

  public NewApplicationFlow(
      OrderService orders,
      EnterpriseVerification enterprise,
      ApplicantChecks applicants,
      ApplicationCorrection correction,
      Transactions transactions) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
    this.applicants = Objects.requireNonNull(applicants, "applicants");
    this.correction = Objects.requireNonNull(correction, "correction");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * 下一步 on the form of an application that is no order yet. It becomes one only once both
   * verifications passed: an application that fails leaves nothing in the database (it holds no
   * organization's one unfinished order and shows in no order query). No verification (paid checks,
   * a code to the legal representative) is made for an application that could not become an order.
   *
   * @param number the number the order will take, which the checks and the code are recorded for
   * @param codeStands the code this applicant already received was sent for this very enterprise
   *     verification (下一步 again): it is not sent again
   */
  public Submission submitForm(
      String number, String channelId, UnitApplication application, boolean codeStands) {
    if (orders
        .blockingOrder(application.creditCode(), BusinessType.NEW_UNIT_CERTIFICATE)
        .isPresent()) {
      return new Submission.Unfinished();
    }
    Submission refused = verify(number, application, codeStands);
    if (!(refused instanceof Submission.Submitted checked)) {
      return refused;
    }
    try {
      Order order =
          orders.startVerified(
              number, BusinessType.NEW_UNIT_CERTIFICATE, channelId, application, VERIFIED_NOTE);
      return new Submission.Submitted(order, checked.sent());
    } catch (UnfinishedOrderExistsException e) {
      return new Submission.Unfinished();
    }
  }

  /**
   * 下一步 on the form of an order: at its form ({@link OrderStatus#APPLICATION_FILLED}), the
   * application is stored and verified as a new one, and the order goes to {@link
   * OrderStatus#VERIFIED}; rejected (返回修改), only the verifications its changes owe ({@link
   * ApplicationCorrection#owed}) are done again and only when they passed is the corrected
   * application stored and the order moved on; otherwise it stays rejected, as it was.
   *
   * @throws MoveNotAllowedException if the order is elsewhere (a second tab moved it)
   */
  public Submission resubmitForm(String orderId, UnitApplication application, boolean codeStands) {
    Order current = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    if (!current.application().creditCode().equals(application.creditCode())) {
      return new Submission.CreditCodeChanged();
    }
    if (ApplicationCorrection.isCorrectable(current)) {
      return correct(current, application);
    }
    Order order = orders.changeApplication(orderId, application);
    Submission result = verify(orderId, order.application(), codeStands);
    if (result instanceof Submission.Submitted checked) {
      return new Submission.Submitted(verified(orderId), checked.sent());
    }
    return result;
  }

  private Submission correct(Order current, UnitApplication application) {
    Set<ApplicationCorrection.Check> owed =
        ApplicationCorrection.owed(current.application(), application);
    EnterpriseVerificationResult sent = null;
    if (owed.contains(ApplicationCorrection.Check.ADMINISTRATOR)) {
      AdministratorVerification.Result admin = applicants.administrator(current.id(), application);
      if (!admin.isVerified()) {
        return new Submission.AdministratorNotVerified(admin);
      }
    }
    if (owed.contains(ApplicationCorrection.Check.ENTERPRISE)) {
      sent = applicants.sendCode(current.id(), application);
      if (!sent.isCodeSent()) {
        return new Submission.EnterpriseNotVerified(sent);
      }
    }
    return new Submission.Submitted(correction.correct(current.id(), application, owed), sent);
  }

  /** Both checks; {@code Submitted} (with no order) when they passed. */
  private Submission verify(String orderId, UnitApplication application, boolean codeStands) {
    AdministratorVerification.Result admin = applicants.administrator(orderId, application);
    if (!admin.isVerified()) {
      return new Submission.AdministratorNotVerified(admin);
    }
    if (codeStands) {
      return new Submission.Submitted(null, null);
    }
    EnterpriseVerificationResult sent = applicants.sendCode(orderId, application);
    return sent.isCodeSent()
        ? new Submission.Submitted(null, sent)
        : new Submission.EnterpriseNotVerified(sent);
  }

  /**
   * 下一步 on the form once the administrator and the organization were verified (the code is on its
   * way): the order goes to {@link OrderStatus#VERIFIED} (确认订单 next).
   *
   * @throws MoveNotAllowedException if the order is elsewhere (a second tab moved it)
   */
  public Order verified(String orderId) {
    return orders.move(orderId, OrderStatus.VERIFIED, VERIFIED_NOTE);
  }

  /** 确认订单, past the code too after a correction that left the enterprise verification as it was. */
  public Order confirm(String orderId) {
    return correction.confirm(orderId);
  }

  /**
   * 重新获取: the order's enterprise verification again, which sends a new code once the cooldown is
   * over.
   */
  public EnterpriseVerificationResult resendCode(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    return applicants.sendCode(orderId, order.application());
  }

  /**
   * 返回修改 from 确认订单 or the code page: the order back to {@link OrderStatus#APPLICATION_FILLED}.
   *
   * @throws MoveNotAllowedException if the order is elsewhere
   */
  public Order backToForm(String orderId) {
    return orders.move(orderId, OrderStatus.APPLICATION_FILLED, BACK_TO_FORM_NOTE);
  }

  /**
   * 证书授权码: checks the code and moves the order on, in one transaction. A right code is spent only
   * with the move: if the move fails (a second tab moved the order first), the code stays usable. A
   * wrong code counts its try. Entered: the order at {@link
   * OrderStatus#AUTHORIZATION_CODE_ENTERED}.
   *
   * @param digits the six digits typed, already parsed
   * @throws MoveNotAllowedException if the right code met an order that had moved elsewhere
   */
  public CodeEntry enterAuthorizationCode(String orderId, String digits) {
    return transactions.inTransaction(
        () -> {
          CodeCheck check = enterprise.verifyCode(orderId, digits);
          if (!check.isOk()) {
            return new CodeEntry.Refused(check);
          }
          return new CodeEntry.Entered(
              orders.move(orderId, OrderStatus.AUTHORIZATION_CODE_ENTERED, CODE_ENTERED_NOTE));
        });
  }
}
