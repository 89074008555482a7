package cn.certhall.domain.channel;

/**
 * What happened to an organization's certificate that its channel platform must hear of (托管证书同步,
 * SPEC 3.1 step 10). The {@link #wireName() wire name} is the {@code event} of the webhook body and
 * the {@code X-Certhall-Event} header; channels switch on it, so it never changes.
 */
public enum SyncEvent {
  /** A new unit certificate (新办) was issued. */
  CERTIFICATE_ISSUED("certificate.issued"),
  /** A renewal (更新) issued the certificate that replaces an older one. */
  CERTIFICATE_RENEWED("certificate.renewed"),
  /** An information change (变更) issued a certificate with the changed details. */
  CERTIFICATE_CHANGED("certificate.changed"),
  /** The certificate was revoked (注销); its seal must not be used any more. */
  CERTIFICATE_REVOKED("certificate.revoked"),
  /** The seal of a certificate issued without one was made: the certificate again, with it. */
  CERTIFICATE_SEALED("certificate.sealed");

  private final String wireName;

  SyncEvent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
