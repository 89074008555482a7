package cn.certhall.documents.pades;

import cn.certhall.pki.keystore.SigningKeyStore;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An organization's hosted signing key as the sealer reaches it: the alias of the key in the key
 * store (which signs and never hands the key out), its certificate, and the CA certificates above
 * it (issuing CA first), which go into the signature so relying parties can build the path.
 */
public record SealingKey(
    SigningKeyStore keys,
    String alias,
    X509CertificateHolder certificate,
    List<X509CertificateHolder> chain) {

  /**
   * @throws IllegalArgumentException if the certificate is not that of the stored key
   */
  public SealingKey {
    chain = List.copyOf(chain);
    SubjectPublicKeyInfo stored =
        SubjectPublicKeyInfo.getInstance(keys.publicKey(alias).getEncoded());
    if (!stored.equals(certificate.getSubjectPublicKeyInfo())) {
      throw new IllegalArgumentException(
          "key '"
              + alias
              + "' in "
              + keys.description()
              + " is not the key of "
              + certificate.getSubject());
    }
  }
}
