package cn.certhall.domain.issuance;

import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;

/**
 * Port: the CA side of issuance (托管证书). The organization's key is generated and kept in the CA's
 * key store (an HSM in production) and never leaves it; the certificate is issued by the issuing CA
 * of the configured family.
 */
public interface HostedCertificateIssuer {

  /** The algorithm family of the issuing CA and of the keys it certifies: SM2, ECDSA or RSA. */
  String family();

  /** Generates the hosted key under {@code keyAlias} unless the store has it already. */
  void ensureHostedKey(String keyAlias);

  /**
   * Issues the organization certificate (C=CN, O/CN = name, organizationIdentifier = NTRCN- +
   * credit code) for the hosted key under {@code keyAlias}, valid exactly {@code validity}. The
   * engine records it; in the caller's transaction when one runs.
   */
  CertificateRef issueOrganizationCertificate(
      String keyAlias, String organizationName, String creditCode, Validity validity);

  /**
   * The certificate as issued, with its chain (issuing CA first, up to the root), for the channel
   * sync.
   *
   * @throws IllegalArgumentException if the CA has no such certificate
   */
  CertificateChain certificate(CertificateRef certificate);
}
