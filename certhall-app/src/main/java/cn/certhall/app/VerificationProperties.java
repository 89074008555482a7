package cn.certhall.app;

import cn.certhall.domain.verification.CodePolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the authorization codes (证书授权码) and SMS check codes.
 *
 * @param codeSecret the HMAC key of the stored code hashes, at least 32 bytes, from
 *     CERTHALL_VERIFICATION_CODE_SECRET; in demo mode, when empty, one is generated into the data
 *     directory. Changing it invalidates the codes outstanding.
 * @param sms codes sent by text message; absent: 10 minutes, 5 wrong tries, 60 s between codes
 * @param transferRemark codes in the micro-deposit remark; absent: 7 days, 3 wrong tries, 60 s
 * @param transfer who pays the 0.01 元 of the corporate transfer (对公打款)
 */
@ConfigurationProperties("certhall.verification")
public record VerificationProperties(
    String codeSecret, Codes sms, Codes transferRemark, Transfer transfer) {

  /**
   * @param provider {@code sandbox} (the default: the sandbox's bank, or none with the sandbox off)
   *     or {@code manual}: finance makes each transfer by hand from /console/transfers
   * @param payerAccountName manual: the name of the CA's account the money comes from, shown to the
   *     applicant to find the transfer in the statement
   */
  public record Transfer(String provider, String payerAccountName) {
    public boolean manual() {
      return provider != null && provider.strip().equalsIgnoreCase("manual");
    }
  }

  public Transfer transferOrDefault() {
    return transfer == null ? new Transfer("sandbox", null) : transfer;
  }

  /**
   * @param lifetime how long a code is accepted
   * @param maxWrongTries wrong entries a code survives; the last of them kills it
   * @param resendCooldown the least time between two codes for the same order or ID number
   */
  public record Codes(Duration lifetime, int maxWrongTries, Duration resendCooldown) {
    CodePolicy policy() {
      return new CodePolicy(lifetime, maxWrongTries, resendCooldown);
    }
  }

  public CodePolicy smsPolicy() {
    return sms == null ? CodePolicy.SMS_DEFAULT : sms.policy();
  }

  public CodePolicy transferRemarkPolicy() {
    return transferRemark == null ? CodePolicy.TRANSFER_REMARK_DEFAULT : transferRemark.policy();
  }

  @Override
  public String toString() {
    return "VerificationProperties[sms=" + sms + ", transferRemark=" + transferRemark + "]";
  }
}
