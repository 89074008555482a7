package cn.certhall.pki.tsp;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.util.List;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The time-stamping unit of the CA: a certificate of profile TIME_STAMPING, the CA certificates
 * above it (issuing CA first, root last; sent along when a request asks for certificates), and its
 * key in a key store.
 */
public record TsaSigner(
    X509CertificateHolder certificate,
    List<X509CertificateHolder> chain,
    SigningKeyStore keys,
    String keyAlias) {

  /**
   * @throws InvalidRequestException if the certificate lacks the critical id-kp-timeStamping
   *     extended key usage RFC 3161 2.3 requires, or is not the certificate of the stored key
   */
  public TsaSigner {
    chain = List.copyOf(chain);
    Extension eku = certificate.getExtension(Extension.extendedKeyUsage);
    if (eku == null
        || !eku.isCritical()
        || !ExtendedKeyUsage.getInstance(eku.getParsedValue())
            .hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping)
        || ExtendedKeyUsage.getInstance(eku.getParsedValue()).size() != 1) {
      throw new InvalidRequestException(
          "a TSA certificate needs id-kp-timeStamping as its only, critical, extended key usage: "
              + certificate.getSubject());
    }
    SubjectPublicKeyInfo stored =
        SubjectPublicKeyInfo.getInstance(keys.publicKey(keyAlias).getEncoded());
    if (!stored.equals(certificate.getSubjectPublicKeyInfo())) {
      throw new InvalidRequestException(
          "TSA key '"
              + keyAlias
              + "' in "
              + keys.description()
              + " does not match "
              + certificate.getSubject());
    }
  }
}
