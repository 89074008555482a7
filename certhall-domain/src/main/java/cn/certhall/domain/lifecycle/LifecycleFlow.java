package cn.certhall.domain.lifecycle;

import cn.certhall.domain.order.ApplicantChecks;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.Purpose;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import java.util.Objects;

/**
 * The steps of renewal, information change and revocation (SPEC 3.2–3.4), one method a step, each
 * with a typed result and its history note: the form (its person verified, then the order started
 * or corrected), 确认订单, 返回修改, the revocation's start with its two verifications, its authorization
 * code and its certificate code. The web layer calls these, never the state machine, and words the
 * results.
 *
 * <p><b>Who is verified</b> on a form: the handler (经办人) for a renewal and a revocation, the
 * administrator (证书及印章管理员, by the method on the form) for an information change.
 */
public final class LifecycleFlow {

  /** Whose real-name check a form's step failed. */
  public enum Person {
    HANDLER,
    ADMINISTRATOR
  }

  /** What a form's step came to. */
  public sealed interface Submission {
    /** The order started (or corrected) and at its next step. */
    record Submitted(Order order) implements Submission {}

    /** The person's real-name check failed: nothing was stored. */
    record NotVerified(Person person, AdministratorVerification.Outcome outcome)
        implements Submission {}

    /** A revocation's enterprise verification sent no code: the order was cancelled at once. */
    record EnterpriseNotVerified(EnterpriseVerificationResult result) implements Submission {}

    /** The organization already has an unfinished order of the type (which one is not told). */
    record Unfinished() implements Submission {}

    /** The certificate allows no such order now. */
    record Refused(CertificateOptions options, Refusal refusal) implements Submission {}
  }

  /** What the certificate verification code of a revocation came to. */
  public sealed interface HolderProof {
    /** The code was right and the holder's signature is kept: materials next. */
    record Proved(RevocationProof proof) implements HolderProof {}

    record CodeRefused(CodeCheck check) implements HolderProof {}

    /** The code was right but the request could not be signed and verified with the certificate. */
    record NotSigned() implements HolderProof {}
  }

  private final LifecycleService lifecycle;
  private final OrderService orders;
  private final EnterpriseVerification enterprise;
  private final ApplicantChecks applicants;
  private final AdministratorVerification realName;
  private final SmsCodes sms;
  private final Transactions transactions;

  public LifecycleFlow(
      LifecycleService lifecycle,
      OrderService orders,
      EnterpriseVerification enterprise,
      ApplicantChecks applicants,
      AdministratorVerification realName,
      SmsCodes sms,
      Transactions transactions) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
    this.applicants = Objects.requireNonNull(applicants, "applicants");
    this.realName = Objects.requireNonNull(realName, "realName");
    this.sms = Objects.requireNonNull(sms, "sms");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  // ---- renewal and change ----------------------------------------------------------------

  /**
   * 下一步 on a renewal's or change's form (already checked for format): the person is verified
   * (recorded for the number the order will take), then the order starts and is {@link
   * OrderStatus#VERIFIED} (确认订单 next). Anything but {@code Submitted} stores nothing.
   *
   * @param handler the handler's method; only a renewal uses it
   */
  public Submission submitForm(
      BusinessType type,
      IdentityProof proof,
      String channelId,
      HeldCertificate certificate,
      UnitApplication application,
      HandlerCheck handler) {
    String number = orders.newOrderNumber();
    Verified verified = verifyPerson(number, type, application, handler);
    if (verified.refusal() != null) {
      return verified.refusal();
    }
    try {
      return new Submission.Submitted(
          transactions.inTransaction(
              () -> {
                Order order =
                    lifecycle.start(
                        number,
                        type,
                        proof,
                        channelId,
                        certificate.caName(),
                        certificate.serialHex(),
                        application);
                return orders.move(order.id(), OrderStatus.VERIFIED, verified.note());
              }));
    } catch (UnfinishedOrderExistsException e) {
      return new Submission.Unfinished();
    } catch (LifecycleRefusedException e) {
      return new Submission.Refused(e.options(), e.refusal());
    }
  }

  /**
   * The corrected form of an order back at its form (返回修改, or rejected): its person verified again,
   * the application stored and the order {@link OrderStatus#VERIFIED} again; a rejected order goes
   * straight back to review instead (what was paid stands). All or nothing.
   *
   * @throws MoveNotAllowedException if the order moved elsewhere meanwhile
   */
  public Submission resubmitForm(
      String orderId, UnitApplication application, HandlerCheck handler) {
    Order current = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    Verified verified = verifyPerson(orderId, current.businessType(), application, handler);
    if (verified.refusal() != null) {
      return verified.refusal();
    }
    return new Submission.Submitted(
        transactions.inTransaction(
            () -> {
              Order changed = orders.changeApplication(orderId, application);
              if (changed.status() == OrderStatus.REJECTED) {
                orders.move(orderId, OrderStatus.CONFIRMED, verified.note().variant("reconfirmed"));
                return orders.move(
                    orderId,
                    OrderStatus.WAITING_FOR_REVIEW,
                    HistoryNote.of("history.signature.resubmitted"));
              }
              return orders.move(orderId, OrderStatus.VERIFIED, verified.note());
            }));
  }

  /** 确认订单: a verified order confirmed by its applicant. */
  public Order confirm(String orderId) {
    return orders.move(
        orderId, OrderStatus.CONFIRMED, HistoryNote.of("history.lifecycle.confirmed"));
  }

  /** 返回修改 on the confirmation: the order back to its form. */
  public Order backToForm(String orderId) {
    return orders.move(
        orderId, OrderStatus.APPLICATION_FILLED, HistoryNote.of("history.lifecycle.backToForm"));
  }

  // ---- revocation ------------------------------------------------------------------------

  /**
   * 下一步 on the revocation's form: the handler on file is verified, the order starts with the
   * enterprise method chosen, and that method sends the authorization code. When it sends none,
   * there is nothing to continue: the order goes at once, so the organization may try again.
   */
  public Submission startRevocation(
      IdentityProof proof,
      String channelId,
      HeldCertificate certificate,
      RevocationChoice reason,
      EnterpriseVerificationDetails enterpriseMethod,
      HandlerCheck handler) {
    String number = orders.newOrderNumber();
    AdministratorVerification.Result checked =
        verifyHandler(number, lifecycle.currentApplication(certificate), handler);
    if (!checked.isVerified()) {
      return new Submission.NotVerified(Person.HANDLER, checked.outcome());
    }
    Order order;
    try {
      order =
          lifecycle.startRevocation(
              number,
              proof,
              channelId,
              certificate.caName(),
              certificate.serialHex(),
              reason,
              enterpriseMethod);
    } catch (UnfinishedOrderExistsException e) {
      return new Submission.Unfinished();
    } catch (LifecycleRefusedException e) {
      return new Submission.Refused(e.options(), e.refusal());
    }
    EnterpriseVerificationResult sent = applicants.sendCode(order.id(), order.application());
    if (!sent.isCodeSent()) {
      orders.cancel(order.id(), HistoryNote.of("history.lifecycle.enterpriseFailed"));
      return new Submission.EnterpriseNotVerified(sent);
    }
    return new Submission.Submitted(order);
  }

  /** 重新获取 of a revocation's authorization code: its enterprise verification again. */
  public EnterpriseVerificationResult resendRevocationCode(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    return applicants.sendCode(orderId, order.application());
  }

  /**
   * A revocation's authorization code: checked and, when right, spent with the move to {@link
   * OrderStatus#VERIFIED} (the certificate code next) in one transaction.
   */
  public CodeEntry enterRevocationCode(String orderId, String digits) {
    return transactions.inTransaction(
        () -> {
          CodeCheck check = enterprise.verifyCode(orderId, digits);
          if (!check.isOk()) {
            return new CodeEntry.Refused(check);
          }
          RevocationChoice reason = lifecycle.request(orderId).orElseThrow().revocationChoice();
          return new CodeEntry.Entered(
              orders.move(
                  orderId,
                  OrderStatus.VERIFIED,
                  HistoryNote.of("history.lifecycle.revocationVerified." + reason.name())));
        });
  }

  /** 证书验证码: sent by SMS to the administrator on the order. */
  public SmsCodeResult sendCertificateCode(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    return sms.send(
        certificateCode(orderId),
        order.application().administrator().mobile(),
        order.application().creditCode());
  }

  /**
   * 证书验证码与签名验证: the code checked and, when right, the request signed with the certificate's hosted
   * key ({@link LifecycleService#proveHolder}).
   */
  public HolderProof enterCertificateCode(String orderId, String digits) {
    CodeCheck check = sms.verify(certificateCode(orderId), digits);
    if (!check.isOk()) {
      return new HolderProof.CodeRefused(check);
    }
    try {
      return new HolderProof.Proved(lifecycle.proveHolder(orderId));
    } catch (IllegalStateException e) {
      return new HolderProof.NotSigned();
    }
  }

  // ---- the people's checks ---------------------------------------------------------------

  /** A passed check's history note, or why it failed. */
  private record Verified(HistoryNote note, Submission.NotVerified refusal) {}

  private Verified verifyPerson(
      String orderId, BusinessType type, UnitApplication application, HandlerCheck handler) {
    return switch (type) {
      case RENEWAL -> {
        AdministratorVerification.Result r = verifyHandler(orderId, application, handler);
        yield r.isVerified()
            ? new Verified(
                HistoryNote.of("history.lifecycle.handlerVerified." + r.method().name()), null)
            : new Verified(null, new Submission.NotVerified(Person.HANDLER, r.outcome()));
      }
      case INFORMATION_CHANGE -> {
        AdministratorVerification.Result r = applicants.administrator(orderId, application);
        yield r.isVerified()
            ? new Verified(HistoryNote.of("history.lifecycle.administratorVerified"), null)
            : new Verified(null, new Submission.NotVerified(Person.ADMINISTRATOR, r.outcome()));
      }
      case REVOCATION, NEW_UNIT_CERTIFICATE ->
          throw new IllegalArgumentException(
              type + " is not started with a renewal or change form");
    };
  }

  /** 经办人核验: 手机三要素 with the handler of {@code application}, or the handler's bank card. */
  private AdministratorVerification.Result verifyHandler(
      String orderId, UnitApplication application, HandlerCheck check) {
    Objects.requireNonNull(check, "handler");
    UnitApplication.Handler h = application.handler();
    VerificationContext context = VerificationContext.lifecycle(orderId);
    if (check.method() == AdministratorMethod.BANK_CARD) {
      return realName.byBankCard(
          context,
          new BankCardFourFactor(
              h.name(), h.idType(), h.idNumber(), check.cardNumber(), check.reservedMobile()));
    }
    return realName.byMobile(context, new MobileThreeFactor(h.name(), h.idNumber(), h.mobile()));
  }

  private static CodeKey certificateCode(String orderId) {
    return new CodeKey(Purpose.CERTIFICATE_VERIFICATION, orderId);
  }
}
