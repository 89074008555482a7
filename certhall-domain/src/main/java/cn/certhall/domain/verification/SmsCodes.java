package cn.certhall.domain.verification;

import java.util.Objects;

/**
 * Codes delivered by text message: the order query (我的订单), the application signature (证书申请
 * 签名) and the legal representative's 证书授权码. Issues the code, sends it with the wording of
 * its {@link Purpose}, and withdraws it when the gateway fails.
 */
public final class SmsCodes {
    private final AuthorizationCodes codes;
    private final SmsSender sms;

    public SmsCodes(AuthorizationCodes codes, SmsSender sms) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.sms = Objects.requireNonNull(sms, "sms");
    }

    /**
     * Sends a new code for the key to the mobile (11 digits or +86 and 11 digits).
     *
     * @throws IllegalArgumentException if the mobile is not a mainland mobile number
     */
    public SmsCodeResult send(CodeKey key, String mobile) {
        String to = Inputs.mobile(mobile, "mobile");
        CodeIssue issue = codes.issue(key, Channel.SMS);
        if (!issue.isIssued()) {
            return SmsCodeResult.cooldown(issue.retryAfterSeconds());
        }
        String text = CodeTexts.sms(key.purpose(), issue.code(), codes.policy(Channel.SMS).lifetime());
        if (sms.send(to, text) != SmsSender.Result.SENT) {
            codes.withdraw(issue);
            return SmsCodeResult.unavailable();
        }
        return SmsCodeResult.sent(to, issue.expiresAt());
    }

    /** Whole seconds before {@link #send} will issue a code for the key; 0: now. */
    public long secondsUntilSend(CodeKey key) {
        return codes.secondsUntilIssue(key, Channel.SMS);
    }

    public CodeCheck verify(CodeKey key, String entered) {
        return codes.verify(key, entered);
    }
}
