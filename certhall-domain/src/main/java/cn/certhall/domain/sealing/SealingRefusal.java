package cn.certhall.domain.sealing;

/**
 * Why a sealing (扫一扫用章) is refused. Each refusal is written to the audit log under its name and
 * shown to the administrator by its message key; the words are the app's ({@code
 * i18n/sealapp*.properties}), in the reader's language.
 */
public enum SealingRefusal {
  /** The request passed its lifetime before it was sealed. */
  REQUEST_EXPIRED("sealapp.refusal.requestExpired"),
  /** The link was opened by someone else already, or the document is sealed already. */
  LINK_USED("sealapp.refusal.linkUsed"),
  /** The request is for an organization whose seal this administrator does not hold. */
  OTHER_ORGANIZATION("sealapp.refusal.otherOrganization"),
  /** The organization certificate behind the seal is revoked. */
  CERTIFICATE_REVOKED("sealapp.refusal.certificateRevoked"),
  /** The organization certificate behind the seal is expired (or not yet valid). */
  CERTIFICATE_EXPIRED("sealapp.refusal.certificateExpired"),
  /** The organization has no seal yet (made right after issuance). */
  NO_SEAL("sealapp.refusal.noSeal"),
  /** The administrator has not downloaded a personal certificate yet. */
  NO_PERSONAL_CERTIFICATE("sealapp.refusal.noPersonalCertificate"),
  /** No PIN was set yet. */
  PIN_NOT_SET("sealapp.refusal.pinNotSet"),
  /** The PIN was wrong; more tries are left. The message takes the number left ({0}). */
  PIN_WRONG("sealapp.refusal.pinWrong"),
  /** Five wrong PINs in a row: locked until a reset through the identity check. */
  PIN_LOCKED("sealapp.refusal.pinLocked");

  private final String messageKey;

  SealingRefusal(String messageKey) {
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
