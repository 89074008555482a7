package cn.certhall.domain.lifecycle;

import cn.certhall.domain.identity.MobileNumber;
import cn.certhall.domain.identity.ValidationResult;
import cn.certhall.domain.order.ApplicantId;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.Purpose;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry check of 证书更新, 信息变更 and 证书吊销 (SPEC 3.2, manual 1.2 (2)): the organization's credit
 * code, a name and a mobile, and the SMS code sent to that mobile.
 *
 * <p><b>Who may pass</b> ({@link Method}): by 经办人信息, the name and mobile of the handler of one of
 * the organization's orders that produced a certificate; by 法定代表人信息, the legal representative's
 * name on file and a mobile the real-name provider says is registered to that person (手机三要素 with
 * the ID number on file). Only then is the code delivered.
 *
 * <p><b>No enumeration</b>, as in the order query: when the details do not match, a code is issued
 * all the same and not delivered ({@link SmsCodes#withhold}), so the answer, cooldown, daily caps
 * and wrong tries are the same and no entry matches the code. The code is keyed by credit code and
 * mobile, so a stranger's request for another mobile does not replace the holder's code.
 */
public final class IdentityCheck {

  /** 核验方式 of the entry. */
  public enum Method {
    /** 经办人信息. */
    HANDLER,
    /** 法定代表人信息. */
    LEGAL_REPRESENTATIVE
  }

  /** What the entry form states. The mobile as typed; it is normalised here. */
  public record Claim(Method method, String creditCode, String name, String mobile) {
    public Claim {
      Objects.requireNonNull(method, "method");
      creditCode = ApplicantId.normalize(creditCode);
      Objects.requireNonNull(name, "name");
      name = name.strip();
      ValidationResult m = MobileNumber.validate(mobile);
      if (!m.isValid()) {
        throw new IllegalArgumentException("not a mainland mobile number");
      }
      mobile = m.value();
    }

    CodeKey key() {
      return new CodeKey(Purpose.CERTIFICATE_SERVICE, creditCode + "/" + mobile);
    }

    @Override
    public String toString() {
      return "Claim[" + method + "]";
    }
  }

  /** The answer to an entered code: the check, and the proof when it was right. */
  public record Result(CodeCheck check, Optional<IdentityProof> proof) {}

  private final OrderService orders;
  private final SmsCodes sms;
  private final RealNameVerifier realName;
  private final Duration proofLifetime;
  private final Clock clock;

  public IdentityCheck(
      OrderService orders,
      SmsCodes sms,
      RealNameVerifier realName,
      Duration proofLifetime,
      Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.sms = Objects.requireNonNull(sms, "sms");
    this.realName = Objects.requireNonNull(realName, "realName");
    this.proofLifetime = Objects.requireNonNull(proofLifetime, "proofLifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** 发送验证码: delivered only when the claim matches what is on file (see the class comment). */
  public CodeRequestResult requestCode(Claim claim) {
    Objects.requireNonNull(claim, "claim");
    SmsCodeResult sent =
        matchesFile(claim)
            ? sms.send(claim.key(), claim.mobile(), claim.creditCode())
            : sms.withhold(claim.key(), claim.mobile(), claim.creditCode());
    return switch (sent.status()) {
      case SENT -> new CodeRequestResult(CodeRequestResult.Status.REQUESTED, 0);
      case COOLDOWN ->
          new CodeRequestResult(CodeRequestResult.Status.COOLDOWN, sent.retryAfterSeconds());
      // one answer for every failure: why a number failed would tell that it is on file
      case SMS_UNAVAILABLE, SMS_INVALID_NUMBER, SMS_RATE_LIMITED ->
          new CodeRequestResult(CodeRequestResult.Status.SMS_UNAVAILABLE, 0);
      case LIMIT_REACHED -> new CodeRequestResult(CodeRequestResult.Status.LIMIT_REACHED, 0);
    };
  }

  /** 确定: checks the code; a right one proves the organization to the session. */
  public Result prove(Claim claim, String code) {
    Objects.requireNonNull(claim, "claim");
    CodeCheck check = sms.verify(claim.key(), code);
    if (!check.isOk()) {
      return new Result(check, Optional.empty());
    }
    return new Result(
        check,
        Optional.of(
            new IdentityProof(
                claim.creditCode(), claim.method(), clock.instant().plus(proofLifetime))));
  }

  private boolean matchesFile(Claim claim) {
    // an issued order passed verification and review: its handler and legal representative are
    // the organization's (an unverified application never counts)
    List<Order> issued =
        orders.list(claim.creditCode()).finished().stream()
            .filter(o -> o.status() == OrderStatus.ISSUED && o.passedVerification())
            .sorted(Comparator.comparing(Order::createdAt).reversed())
            .toList();
    if (issued.isEmpty()) {
      return false;
    }
    return switch (claim.method()) {
      case HANDLER ->
          issued.stream()
              .anyMatch(
                  o ->
                      o.application().handler().name().equals(claim.name())
                          && o.application().handler().mobile().equals(claim.mobile()));
      case LEGAL_REPRESENTATIVE -> {
        var legal = issued.get(0).application().legalRepresentative();
        yield legal.name().equals(claim.name())
            && realName.checkMobile(
                    VerificationContext.lifecycle(claim.creditCode()),
                    new MobileThreeFactor(legal.name(), legal.idNumber(), claim.mobile()))
                == RealNameVerifier.Result.MATCH;
      }
    };
  }
}
