package cn.certhall.domain.audit;

/** What an audit entry records. Stored by name: names never change once written. */
public enum AuditAction {
    /** An order was started (订单创建). */
    ORDER_CREATED,
    /** An order moved in its state machine; details "FROM → TO" and the note. */
    ORDER_STATUS_CHANGED,
    /** The application of an order was changed (form, or a correction after rejection). */
    ORDER_APPLICATION_CHANGED,
    /** A reviewer took an order from the queue to decide it. */
    REVIEW_CLAIMED,
    /** A reviewer approved an order (审核通过). */
    REVIEW_APPROVED,
    /** A reviewer rejected an order (审核未通过), with the reason. */
    REVIEW_REJECTED,
    /** A key pair was generated in the key store (a CA's, an OCSP signer's, a hosted key). */
    KEY_GENERATED,
    /** A CA was created. */
    CA_CREATED,
    /** A certificate was issued. */
    CERTIFICATE_ISSUED,
    /** A certificate was revoked. */
    CERTIFICATE_REVOKED,
    /** A CRL was issued. */
    CRL_ISSUED
}
