package cn.certhall.pki.ocsp;

import cn.certhall.pki.revocation.RevokedEntry;
import java.math.BigInteger;
import java.util.Optional;

/** Where the OCSP responder learns what a CA issued and revoked (the database, in the app). */
public interface CertificateStatusSource {

  /** A certificate the CA issued: good when {@code revocation} is null. */
  record KnownCertificate(BigInteger serial, RevokedEntry revocation) {
    public boolean revoked() {
      return revocation != null;
    }
  }

  /** The certificate with that serial, or empty when the CA never issued it. */
  Optional<KnownCertificate> find(String caName, BigInteger serial);
}
