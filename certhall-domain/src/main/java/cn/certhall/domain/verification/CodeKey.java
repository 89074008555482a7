package cn.certhall.domain.verification;

import java.util.Locale;
import java.util.Objects;

/**
 * Whose code it is: a purpose and its subject (an order number, or an ID number for the order
 * query). A key has at most one code; issuing a new one replaces the old.
 */
public record CodeKey(Purpose purpose, String subject) {
  static final int MAX_SUBJECT = 64;

  public CodeKey {
    Objects.requireNonNull(purpose, "purpose");
    subject = Inputs.required(subject, "subject", MAX_SUBJECT);
  }

  /** 证书授权码 of the order. */
  public static CodeKey enterpriseVerification(String orderId) {
    return new CodeKey(Purpose.ENTERPRISE_VERIFICATION, orderId);
  }

  /** 证书申请签名 of the order. */
  public static CodeKey applicationSignature(String orderId) {
    return new CodeKey(Purpose.APPLICATION_SIGNATURE, orderId);
  }

  /** 信手书 sign-in for a seal administrator's mobile (11 digits). */
  public static CodeKey sealAppSignIn(String mobile) {
    return new CodeKey(Purpose.SEAL_APP_SIGN_IN, Inputs.mobile(mobile, "mobile"));
  }

  /** 我的订单 for an ID number; compared upper-case without blanks (…002x is …002X). */
  public static CodeKey orderQuery(String idNumber) {
    String number = Inputs.required(idNumber, "ID number", MAX_SUBJECT).toUpperCase(Locale.ROOT);
    return new CodeKey(Purpose.ORDER_QUERY, number);
  }

  /** The subject may be an ID number, which is personal: only the purpose is shown. */
  @Override
  public String toString() {
    return "CodeKey[" + purpose + "]";
  }
}
