package cn.certhall.domain.audit;

/** What an audit entry records. Stored by name: names never change once written. */
public enum AuditAction {
  /** An order was started (订单创建). */
  ORDER_CREATED,
  /** An order moved in its state machine; details "FROM → TO" and the note. */
  ORDER_STATUS_CHANGED,
  /** A payment's money is to be given back (退款): its refund id, payment and amount. */
  PAYMENT_REFUND_REQUESTED,
  /** The provider settled a refund: SUCCEEDED or FAILED with its message. */
  PAYMENT_REFUND_SETTLED,
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
  CRL_ISSUED,
  /** A seal administrator signed in to the seal app (信手书) with an SMS code. */
  SEAL_APP_SIGNED_IN,
  /** A face check of the seal app: passed or failed, never the photo. */
  FACE_CHECKED,
  /** A seal administrator set or reset the seal PIN (用章密码). */
  SEAL_PIN_SET,
  /** A seal PIN was locked after too many wrong entries. */
  SEAL_PIN_LOCKED,
  /** A channel asked for a PDF to be sealed (用章请求). */
  SIGNING_REQUESTED,
  /** A PDF was sealed with an organization's seal and hosted key. */
  DOCUMENT_SEALED,
  /** A sealing was refused; details name the {@code SealingRefusal}. */
  SEALING_REFUSED,
  /** A console operator account was created (the first-administrator command). */
  OPERATOR_CREATED,
  /** A certificate was issued without its seal, which cannot be made yet; details say why. */
  SEAL_PENDING,
  /** An organization's seal was made for a certificate issued without one (待处理印章). */
  SEAL_MADE,
  /** A seal administrator revoked their personal certificate; their seal PIN was cleared. */
  PERSONAL_CERTIFICATE_REVOKED,
  /** A console operator downloaded the review decisions of the dashboard's period (CSV). */
  REVIEW_DECISIONS_EXPORTED,
  /**
   * An evidence report (出证报告) was made and handed out; details say through which door and its
   * SHA-256.
   */
  EVIDENCE_REPORT_DOWNLOADED,
  /** A code keyed by an order was issued (证书授权码, 证书申请签名, 证书验证码): purpose, channel, until when. */
  CODE_ISSUED,
  /** A code of an order could not be delivered and was taken back. */
  CODE_WITHDRAWN,
  /**
   * A code of an order was entered: purpose and outcome (OK, WRONG with tries left, EXPIRED,
   * LOCKED, NONE).
   */
  CODE_ENTERED,
  /**
   * Finance marked a corporate transfer made by hand (财务打款任务): the order's code passes from now.
   */
  TRANSFER_MADE,
  /** Finance marked a corporate transfer failed; details carry the bank's answer. */
  TRANSFER_FAILED
}
