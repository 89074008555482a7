package cn.certhall.app.issuance;

import cn.certhall.domain.certificate.Validity;
import cn.certhall.domain.issuance.CertificateRef;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;

/**
 * Hosted organization certificates from one issuing CA: the key is made in the CA's key store
 * (the algorithm of the CA's family; RSA keys of organizations are 2048 bits) and certified with
 * the ORGANIZATION profile.
 */
public final class CaHostedCertificateIssuer implements HostedCertificateIssuer {
  private final SigningKeyStore keys;
  private final CertificateAuthority ca;

  public CaHostedCertificateIssuer(SigningKeyStore keys, CertificateAuthority ca) {
    this.keys = keys;
    this.ca = ca;
  }

  KeyAlgorithm hostedKeyAlgorithm() {
    return switch (ca.family()) {
      case SM2 -> KeyAlgorithm.SM2;
      case ECDSA -> KeyAlgorithm.EC_P256;
      case RSA -> KeyAlgorithm.RSA_2048;
    };
  }

  @Override
  public void ensureHostedKey(String keyAlias) {
    if (!keys.contains(keyAlias)) {
      keys.generateKeyPair(keyAlias, hostedKeyAlgorithm());
    }
  }

  @Override
  public CertificateRef issueOrganizationCertificate(
      String keyAlias, String organizationName, String creditCode, Validity validity) {
    IssuedCertificate issued =
        ca.issue(
            new IssuanceRequest(
                CertificateProfile.ORGANIZATION,
                new Subject.Organization(organizationName, creditCode),
                keys.publicKey(keyAlias),
                validity.notBefore(),
                validity.notAfter()));
    return new CertificateRef(
        issued.caName(), issued.serialHex(), issued.notBefore(), issued.notAfter());
  }

  public String caName() {
    return ca.name();
  }
}
