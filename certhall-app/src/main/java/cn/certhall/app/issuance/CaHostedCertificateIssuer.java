package cn.certhall.app.issuance;

import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Hosted organization certificates from one issuing CA: the key is made in the CA's key store (the
 * algorithm of the CA's family; RSA keys of organizations are 2048 bits) and certified with the
 * ORGANIZATION profile.
 */
public final class CaHostedCertificateIssuer implements HostedCertificateIssuer {
  private final SigningKeyStore keys;
  private final CertificateAuthority ca;
  private final List<X509Certificate> chain;
  private final CertificateRepository certificates;

  /**
   * @param chain the CA's certificate first, up to the root (see {@link #chainOf})
   * @param certificates where the engine's ledger recorded what it issued
   */
  public CaHostedCertificateIssuer(
      SigningKeyStore keys,
      CertificateAuthority ca,
      List<X509Certificate> chain,
      CertificateRepository certificates) {
    this.keys = keys;
    this.ca = ca;
    this.chain = List.copyOf(chain);
    this.certificates = certificates;
  }

  /** The CA's certificate, then each issuer above it found among {@code cas}, up to the root. */
  public static List<X509Certificate> chainOf(
      CertificateAuthority ca, Collection<CertificateAuthority> cas) {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateAuthority current = ca;
    while (current != null && chain.size() < 8) {
      chain.add(x509(current.certificateDer()));
      X509CertificateHolder cert = current.certificate();
      if (cert.getSubject().equals(cert.getIssuer())) {
        break;
      }
      current =
          cas.stream()
              .filter(c -> c.certificate().getSubject().equals(cert.getIssuer()))
              .findFirst()
              .orElse(null);
    }
    return chain;
  }

  KeyAlgorithm hostedKeyAlgorithm() {
    return switch (ca.family()) {
      case SM2 -> KeyAlgorithm.SM2;
      case ECDSA -> KeyAlgorithm.EC_P256;
      case RSA -> KeyAlgorithm.RSA_2048;
    };
  }

  @Override
  public String family() {
    return ca.family().name();
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
                validity));
    return issued.ref();
  }

  @Override
  public CertificateChain certificate(CertificateRef certificate) {
    if (!certificate.caName().equals(ca.name())) {
      throw new IllegalArgumentException(
          "certificate of CA " + certificate.caName() + ", not " + ca.name());
    }
    StoredCertificate stored =
        certificates
            .find(ca.name(), new BigInteger(certificate.serialHex(), 16))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no certificate " + certificate.serialHex() + " of CA " + ca.name()));
    return new CertificateChain(x509(stored.der()), chain);
  }

  static X509Certificate x509(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a DER certificate", e);
    }
  }

  public String caName() {
    return ca.name();
  }
}
