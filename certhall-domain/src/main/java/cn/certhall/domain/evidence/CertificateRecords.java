package cn.certhall.domain.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Port: a certificate the CA issued, as stored, and its revocation if it has one. */
public interface CertificateRecords {

  /**
   * @param serialHex lower-case hex, as the certificate tables keep it
   */
  Optional<CertificateRecord> find(String caName, String serialHex);

  /**
   * @param der the certificate as signed
   * @param subject the subject's distinguished name as text (read by the adapter: the JDK cannot
   *     parse an SM2 certificate's key)
   * @param revokedAt null unless revoked
   * @param revocationReasonCode RFC 5280 code, null unless revoked
   */
  record CertificateRecord(
      byte[] der,
      String subject,
      String issuer,
      Instant notBefore,
      Instant notAfter,
      Instant revokedAt,
      Integer revocationReasonCode) {
    public CertificateRecord {
      Objects.requireNonNull(der, "der");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
    }
  }
}
