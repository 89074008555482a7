package cn.certhall.app.sandbox;

import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsSender;
import java.util.Arrays;

/**
 * How the sandbox decides, in one screen (docs/sandbox.md says the same for testers). Everything
 * else passes. Checked in this order: a service that is down knows nothing about the rest.
 *
 * <ul>
 *   <li>real-name check UNAVAILABLE: ID number, mobile or card number ends in 9999;
 *   <li>real-name check MISMATCH: name contains 假, or ID number, mobile or card number ends in
 *       0000;
 *   <li>SMS UNAVAILABLE: mobile ends in 8888;
 *   <li>transfer UNAVAILABLE: account number ends in 9999;
 *   <li>transfer ACCOUNT_INVALID: account number ends in 0000;
 *   <li>transfer ACCOUNT_NAME_MISMATCH: account name contains 假;
 *   <li>face check UNAVAILABLE: ID number ends in 9999; MISMATCH: name contains 假 or ID number ends
 *       in 0000 (the photo is any JPEG or PNG).
 * </ul>
 */
final class SandboxRules {
  static final String FAKE = "假";
  static final String FAILS = "0000";
  static final String DOWN = "9999";
  static final String SMS_DOWN = "8888";

  private SandboxRules() {}

  static RealNameVerifier.Result realName(String name, String... numbers) {
    if (Arrays.stream(numbers).anyMatch(n -> n.endsWith(DOWN))) {
      return RealNameVerifier.Result.UNAVAILABLE;
    }
    if (name.contains(FAKE) || Arrays.stream(numbers).anyMatch(n -> n.endsWith(FAILS))) {
      return RealNameVerifier.Result.MISMATCH;
    }
    return RealNameVerifier.Result.MATCH;
  }

  static FaceCheck.Result face(String name, String idNumber) {
    if (idNumber.endsWith(DOWN)) {
      return FaceCheck.Result.UNAVAILABLE;
    }
    if (name.contains(FAKE) || idNumber.endsWith(FAILS)) {
      return FaceCheck.Result.MISMATCH;
    }
    return FaceCheck.Result.MATCH;
  }

  static SmsSender.Result sms(String mobile) {
    return mobile.endsWith(SMS_DOWN) ? SmsSender.Result.UNAVAILABLE : SmsSender.Result.SENT;
  }

  static MicroDepositTransfer.Status transfer(String accountName, String accountNumber) {
    if (accountNumber.endsWith(DOWN)) {
      return MicroDepositTransfer.Status.UNAVAILABLE;
    }
    if (accountNumber.endsWith(FAILS)) {
      return MicroDepositTransfer.Status.ACCOUNT_INVALID;
    }
    if (accountName.contains(FAKE)) {
      return MicroDepositTransfer.Status.ACCOUNT_NAME_MISMATCH;
    }
    return MicroDepositTransfer.Status.SENT;
  }
}
