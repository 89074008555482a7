package cn.certhall.domain.evidence;

import cn.certhall.domain.evidence.CertificateRecords.CertificateRecord;
import cn.certhall.domain.material.MaterialStore;
import java.util.Optional;

/**
 * A certificate's evidence from the stored certificate and its revocation, whichever CA issued it.
 */
final class CertificateLookup {
  private final CertificateRecords records;

  CertificateLookup(CertificateRecords records) {
    this.records = records;
  }

  Optional<CertificateEvidence> find(String caName, String serialHex) {
    return records.find(caName, serialHex).map(r -> evidence(caName, serialHex, r));
  }

  private static CertificateEvidence evidence(
      String caName, String serialHex, CertificateRecord r) {
    return new CertificateEvidence(
        caName,
        serialHex,
        r.subject(),
        r.issuer(),
        r.notBefore(),
        r.notAfter(),
        MaterialStore.sha256(r.der()),
        r.der().length,
        r.revokedAt(),
        r.revocationReasonCode());
  }
}
