package cn.certhall.app.lifecycle;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.issuance.CaHostedCertificateIssuer;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.lifecycle.LifecycleCa;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.revocation.RevocationReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The domain's {@link LifecycleCa} on the engine: keys and certificates through the configured
 * {@link HostedCertificateIssuer}, seals through {@link SealService}, revocations through {@link
 * RevocationService} (which drops the OCSP cache and asks for a new CRL), signatures with the
 * hosted key through the key store and checked with Bouncy Castle (SM2 included).
 */
public final class CaLifecycle implements LifecycleCa {
  private final HostedCertificateIssuer issuer;
  private final SigningKeyStore keys;
  private final SealService seals;
  private final CertificateRepository certificates;
  private final RevocationRepository revocations;
  private final RevocationService revocation;
  private final CaRegistry cas;

  public CaLifecycle(
      HostedCertificateIssuer issuer,
      SigningKeyStore keys,
      SealService seals,
      CertificateRepository certificates,
      RevocationRepository revocations,
      RevocationService revocation,
      CaRegistry cas) {
    this.issuer = issuer;
    this.keys = keys;
    this.seals = seals;
    this.certificates = certificates;
    this.revocations = revocations;
    this.revocation = revocation;
    this.cas = cas;
  }

  @Override
  public void ensureHostedKey(String keyAlias) {
    issuer.ensureHostedKey(keyAlias);
  }

  @Override
  public CertificateRef issue(
      String keyAlias, String organizationName, String creditCode, Validity validity) {
    return issuer.issueOrganizationCertificate(keyAlias, organizationName, creditCode, validity);
  }

  @Override
  public void ensureHostedKey(String keyAlias, String caName) {
    issuerOf(caName).ensureHostedKey(keyAlias);
  }

  @Override
  public CertificateRef issue(
      String caName,
      String keyAlias,
      String organizationName,
      String creditCode,
      Validity validity) {
    return issuerOf(caName)
        .issueOrganizationCertificate(keyAlias, organizationName, creditCode, validity);
  }

  private CaHostedCertificateIssuer issuerOf(String caName) {
    CertificateAuthority ca =
        cas.find(caName).orElseThrow(() -> new IllegalStateException("no CA " + caName));
    return new CaHostedCertificateIssuer(
        keys, ca, CaHostedCertificateIssuer.chainOf(ca, cas.all()), certificates);
  }

  @Override
  public Optional<byte[]> sealFor(
      CertificateRef certificate, byte[] collectionForm, Replaced replaced) {
    return seals.sealFor(
        certificate, collectionForm, replaced.caName(), new BigInteger(replaced.serialHex(), 16));
  }

  @Override
  public Issued certificate(String caName, String serialHex) {
    X509Certificate certificate = x509(stored(caName, serialHex).der());
    return new Issued(certificate, chain(caName));
  }

  @Override
  public Instant revoke(String caName, String serialHex, RevocationReason reason) {
    BigInteger serial = new BigInteger(serialHex, 16);
    if (!RevocationReason.SUBSCRIBER_REASONS.contains(reason)) {
      throw new IllegalArgumentException("not a subscriber's reason: " + reason);
    }
    revocation.revoke(caName, serial, reason, null);
    return revocations
        .find(caName, serial)
        .flatMap(known -> java.util.Optional.ofNullable(known.revocation()))
        .orElseThrow(
            () -> new IllegalStateException("revocation of " + serialHex + " not recorded"))
        .revokedAt();
  }

  @Override
  public Signed sign(String keyAlias, byte[] data) {
    ContentSigner signer = keys.signer(keyAlias);
    try (OutputStream out = signer.getOutputStream()) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Signed(keys.algorithm(keyAlias).signatureAlgorithm(), signer.getSignature());
  }

  @Override
  public boolean verify(String caName, String serialHex, byte[] data, Signed signature) {
    X509Certificate certificate = x509(stored(caName, serialHex).der());
    try {
      Signature verifier = Signature.getInstance(signature.algorithm(), Providers.bouncyCastle());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private StoredCertificate stored(String caName, String serialHex) {
    return certificates
        .find(caName, new BigInteger(serialHex, 16))
        .orElseThrow(
            () ->
                new IllegalArgumentException("CA " + caName + " has no certificate " + serialHex));
  }

  /** The issuing CA's certificate, then each issuer above it, up to the root. */
  private List<X509Certificate> chain(String caName) {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateAuthority current = cas.find(caName).orElse(null);
    while (current != null && chain.size() < 8) {
      chain.add(x509(current.certificateDer()));
      X509CertificateHolder cert = current.certificate();
      if (cert.getSubject().equals(cert.getIssuer())) {
        break;
      }
      current =
          cas.all().stream()
              .filter(c -> c.certificate().getSubject().equals(cert.getIssuer()))
              .findFirst()
              .orElse(null);
    }
    return chain;
  }

  static X509Certificate x509(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a DER certificate", e);
    }
  }
}
