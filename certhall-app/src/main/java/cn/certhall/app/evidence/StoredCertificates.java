package cn.certhall.app.evidence;

import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.domain.evidence.CertificateRecords;
import cn.certhall.pki.ocsp.CertificateStatusSource.KnownCertificate;
import cn.certhall.pki.revocation.RevokedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The evidence reports' view of the certificates the CA issued: the stored DER and the revocation
 * row, of any CA (an order's first and second certificate, 双证书, alike).
 */
public final class StoredCertificates implements CertificateRecords {
  private final CertificateRepository certificates;
  private final RevocationRepository revocations;

  public StoredCertificates(CertificateRepository certificates, RevocationRepository revocations) {
    this.certificates = certificates;
    this.revocations = revocations;
  }

  @Override
  public Optional<CertificateRecord> find(String caName, String serialHex) {
    BigInteger serial = new BigInteger(serialHex, 16);
    return certificates
        .find(caName, serial)
        .map(
            stored -> {
              Optional<RevokedEntry> revoked =
                  revocations.find(caName, serial).map(KnownCertificate::revocation);
              X509CertificateHolder x509;
              try {
                x509 = new X509CertificateHolder(stored.der());
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "stored certificate " + caName + "/" + serialHex + " is not DER", e);
              }
              return new CertificateRecord(
                  stored.der(),
                  x509.getSubject().toString(),
                  x509.getIssuer().toString(),
                  x509.getNotBefore().toInstant(),
                  x509.getNotAfter().toInstant(),
                  revoked.map(RevokedEntry::revokedAt).orElse(null),
                  revoked.map(r -> r.reason().code()).orElse(null));
            });
  }
}
