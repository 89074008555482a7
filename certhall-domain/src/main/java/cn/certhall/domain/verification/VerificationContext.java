package cn.certhall.domain.verification;

import java.util.Objects;

/**
 * What a real-name or face check is made for, so its record in the evidence trail can be found: the
 * order number (or the number the order will take: a form is verified before its order is stored),
 * the organization's credit code for the entry check of 证书更新 / 变更 / 吊销, or the seal administrator's
 * masked mobile. Never personal data in full.
 */
public record VerificationContext(String subject, VerificationPurpose purpose) {

  public VerificationContext {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(purpose, "purpose");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject is blank");
    }
  }

  /** 证书及印章管理员核验 for an order (a new application's, or an information change's). */
  public static VerificationContext administrator(String orderId) {
    return new VerificationContext(orderId, VerificationPurpose.ADMINISTRATOR);
  }

  /** 企业认证 (the legal representative's check) for an order. */
  public static VerificationContext enterprise(String orderId) {
    return new VerificationContext(orderId, VerificationPurpose.ENTERPRISE);
  }

  /**
   * A check of 证书更新 / 吊销: the entry check (subject: the credit code) or the handler's (the order's
   * number).
   */
  public static VerificationContext lifecycle(String subject) {
    return new VerificationContext(subject, VerificationPurpose.LIFECYCLE);
  }
}
