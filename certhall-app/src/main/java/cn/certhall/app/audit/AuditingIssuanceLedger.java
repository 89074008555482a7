package cn.certhall.app.audit;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Reservation;
import cn.certhall.pki.profile.CertificateProfile;

/**
 * The engine's ledger with every recorded certificate written to the audit log: every certificate
 * the engine signs passes here, so none escapes the log. Recorded in the same transaction as the
 * certificate row when the issuer runs one.
 */
public final class AuditingIssuanceLedger implements IssuanceLedger {
  private final IssuanceLedger ledger;
  private final AuditLog audit;

  public AuditingIssuanceLedger(IssuanceLedger ledger, AuditLog audit) {
    this.ledger = ledger;
    this.audit = audit;
  }

  @Override
  public void reserve(Reservation reservation) {
    ledger.reserve(reservation);
  }

  @Override
  public void record(IssuedCertificate certificate) {
    ledger.record(certificate);
    audit.record(
        Actor.SYSTEM,
        AuditAction.CERTIFICATE_ISSUED,
        certificate.caName() + "/" + certificate.serialHex(),
        certificate.profile()
            // a person's subject holds a name and ID number: personal data stays out of the log
            + (certificate.profile() == CertificateProfile.PERSONAL
                ? ""
                : " " + certificate.subject())
            + ", "
            + certificate.notBefore()
            + " to "
            + certificate.notAfter());
  }
}
