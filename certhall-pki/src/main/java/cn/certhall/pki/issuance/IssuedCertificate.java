package cn.certhall.pki.issuance;

import cn.certhall.pki.Providers;
import cn.certhall.pki.profile.CertificateProfile;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A signed certificate with the facts the ledger stores about it.
 *
 * @param subject the subject DN in RFC 4514 form
 * @param der the certificate, DER encoded
 */
public record IssuedCertificate(
    String caName,
    BigInteger serial,
    CertificateProfile profile,
    String subject,
    Instant notBefore,
    Instant notAfter,
    byte[] der) {

  /** The certificate as a JCA object (decoded by Bouncy Castle, which also knows SM2 keys). */
  public X509Certificate toX509() {
    return decode(der);
  }

  public static X509Certificate decode(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a DER X.509 certificate", e);
    }
  }

  public String serialHex() {
    return serial.toString(16);
  }

  public Validity validity() {
    return new Validity(notBefore, notAfter);
  }

  /** How the business names this certificate: its CA, serial and validity. */
  public CertificateRef ref() {
    return new CertificateRef(caName, serial, validity());
  }

  @Override
  public String toString() {
    return "IssuedCertificate[" + caName + " " + serialHex() + " " + profile + " " + subject + "]";
  }
}
