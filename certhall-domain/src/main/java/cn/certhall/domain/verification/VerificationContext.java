package cn.certhall.domain.verification;

import java.util.Objects;

/**
 * What a real-name or face check is made for, so its record in the evidence trail can be found:
 * the order number (or the number a new application's order will take), the organization's credit
 * code for the entry check of a renewal, change or revocation, or the seal administrator's masked
 * mobile. Never personal data in full.
 */
public record VerificationContext(String subject, VerificationPurpose purpose) {

    public VerificationContext {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject is blank");
        }
    }

    /** 证书及印章管理员核验 for an order. */
    public static VerificationContext administrator(String orderId) {
        return new VerificationContext(orderId, VerificationPurpose.ADMINISTRATOR);
    }

    /** 企业认证 (the legal representative's check) for an order. */
    public static VerificationContext enterprise(String orderId) {
        return new VerificationContext(orderId, VerificationPurpose.ENTERPRISE);
    }

    /** A check of a renewal, change or revocation: its entry check, its handler or administrator. */
    public static VerificationContext lifecycle(String subject) {
        return new VerificationContext(subject, VerificationPurpose.LIFECYCLE);
    }
}
