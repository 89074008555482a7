package cn.certhall.pki.issuance;

import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.security.PublicKey;
import java.time.Instant;

/**
 * What to certify. The validity is the caller's decision (the business rules of SPEC section 2);
 * the engine checks it and writes it as given, never adjusting a date.
 */
public record IssuanceRequest(
    CertificateProfile profile, Subject subject, PublicKey publicKey, Validity validity) {

  /** The same, with the validity given by its two ends (checked as {@link Validity} checks). */
  public IssuanceRequest(
      CertificateProfile profile,
      Subject subject,
      PublicKey publicKey,
      Instant notBefore,
      Instant notAfter) {
    this(profile, subject, publicKey, new Validity(notBefore, notAfter));
  }

  public Instant notBefore() {
    return validity.notBefore();
  }

  public Instant notAfter() {
    return validity.notAfter();
  }
}
