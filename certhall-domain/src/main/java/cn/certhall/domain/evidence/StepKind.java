package cn.certhall.domain.evidence;

/** What a step of an evidence report's timeline records; each has its own message and arguments. */
public enum StepKind {
  // an order's
  /** The order was created (arguments: the status it started in). */
  ORDER_CREATED,
  /** The order moved (arguments: from, to, the history's note or ""). */
  STATUS_CHANGED,
  /** The 申请表 was signed with the handler's SMS code (arguments: version, SHA-256). */
  APPLICATION_SIGNED,
  /** A material was uploaded (arguments: kind, version, SHA-256). */
  MATERIAL_UPLOADED,
  /**
   * A payment attempt (arguments: attempt, amount in fen, method, status, provider reference or
   * "").
   */
  PAYMENT,
  /** A reviewer approved (arguments: none; the actor is the reviewer). */
  REVIEW_APPROVED,
  /** A reviewer rejected (arguments: the reason as recorded). */
  REVIEW_REJECTED,
  /** The certificate was issued (arguments: CA, serial). */
  CERTIFICATE_ISSUED,
  /** The certificate was revoked (arguments: CA, serial, RFC 5280 reason code). */
  CERTIFICATE_REVOKED,
  /** A code of the order was sent (arguments: purpose, channel). */
  CODE_ISSUED,
  /** A code of the order could not be delivered and was taken back (arguments: purpose). */
  CODE_WITHDRAWN,
  /** A code of the order was entered (arguments: purpose, outcome, tries left or ""). */
  CODE_ENTERED,
  // a sealed document's
  /** The channel asked for the document to be sealed (arguments: channel, file name). */
  SIGNING_REQUESTED,
  /** The seal administrator signed in to the seal app with an SMS code (arguments: none). */
  ADMINISTRATOR_SIGNED_IN,
  /** A face check of the seal app (arguments: its outcome as recorded). */
  FACE_CHECKED,
  /**
   * The administrator opened the link and so claimed the request (arguments: their masked mobile).
   */
  LINK_CLAIMED,
  /** A confirmation was refused (arguments: the refusal as recorded, e.g. a wrong PIN). */
  SEALING_REFUSED,
  /** The PIN was confirmed and the document sealed (arguments: CA, serial). */
  DOCUMENT_SEALED
}
