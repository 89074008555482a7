package cn.certhall.domain.verification;

import java.util.Objects;
import java.util.Optional;

/**
 * Codes delivered by text message: the order query (我的订单), the application signature (证书申请 签名), the
 * lifecycle entry check, the seal app's sign-in and the legal representative's 证书授权码. Issues the
 * code, sends it with the wording of its {@link Purpose}, and withdraws it when the gateway fails:
 * the person waits for the answer, so a failed code is never retried behind their back (they are
 * told why and may ask again). Every request first waits out the resend cooldown, then takes from
 * the daily {@link SmsCaps}: both hold for requests that send nothing ({@link #withhold}), so the
 * answers never tell whether a message went out.
 */
public final class SmsCodes {
  private final AuthorizationCodes codes;
  private final SmsSender sms;
  private final SmsCaps caps;

  public SmsCodes(AuthorizationCodes codes, SmsSender sms, SmsCaps caps) {
    this.codes = Objects.requireNonNull(codes, "codes");
    this.sms = Objects.requireNonNull(sms, "sms");
    this.caps = Objects.requireNonNull(caps, "caps");
  }

  /**
   * Sends a new code for the key to the mobile (11 digits or +86 and 11 digits).
   *
   * @param subject the credit code or ID number the code is about, for its daily cap
   * @throws IllegalArgumentException if the mobile is not a mainland mobile number
   */
  public SmsCodeResult send(CodeKey key, String mobile, String subject) {
    String to = Inputs.mobile(mobile, "mobile");
    return request(key, to, subject, true);
  }

  /**
   * Answers as {@link #send} would — cooldown, caps, a code for the key with its wrong tries — but
   * sends nothing and stores a code no entry matches: for a mobile or ID number that must not learn
   * it is a stranger's.
   *
   * @param mobile the mobile typed, if any, for its daily cap; null when there is none
   */
  public SmsCodeResult withhold(CodeKey key, String mobile, String subject) {
    String to = mobile == null ? null : Inputs.mobile(mobile, "mobile");
    return request(key, to, subject, false);
  }

  private SmsCodeResult request(CodeKey key, String to, String subject, boolean deliver) {
    long wait = codes.secondsUntilIssue(key, CodeChannel.SMS);
    if (wait > 0) {
      return SmsCodeResult.cooldown(wait);
    }
    Optional<SmsCaps.Taken> taken =
        caps.take(to, Inputs.required(subject, "subject", CodeKey.MAX_SUBJECT));
    if (taken.isEmpty()) {
      return SmsCodeResult.limitReached();
    }
    CodeIssue issue =
        deliver ? codes.issue(key, CodeChannel.SMS) : codes.issueUnusable(key, CodeChannel.SMS);
    if (!issue.isIssued()) {
      caps.giveBack(taken.get());
      return SmsCodeResult.cooldown(issue.retryAfterSeconds());
    }
    if (deliver) {
      SmsMessage message =
          CodeTexts.sms(key.purpose(), issue.code(), codes.policy(CodeChannel.SMS).lifetime());
      SmsSender.Result result = sms.send(to, message);
      if (result != SmsSender.Result.SENT) {
        codes.withdraw(issue);
        caps.giveBack(taken.get());
        return SmsCodeResult.notSent(result);
      }
    }
    return SmsCodeResult.sent(to, issue.expiresAt());
  }

  /** Whole seconds before {@link #send} will issue a code for the key; 0: now. */
  public long secondsUntilSend(CodeKey key) {
    return codes.secondsUntilIssue(key, CodeChannel.SMS);
  }

  public CodeCheck verify(CodeKey key, String entered) {
    return codes.verify(key, entered);
  }
}
