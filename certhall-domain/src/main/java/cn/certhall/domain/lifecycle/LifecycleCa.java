package cn.certhall.domain.lifecycle;

import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.revocation.RevocationReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: what renewal, change and revocation ask of the CA. Keys stay in the CA's key store: the
 * hosted key is used to sign, never handed out.
 */
public interface LifecycleCa {

  /** Generates the hosted key under {@code keyAlias} unless the store has it already. */
  void ensureHostedKey(String keyAlias);

  /**
   * Issues an organization certificate for the hosted key, exactly {@code validity}; recorded in
   * the caller's transaction.
   */
  CertificateRef issue(
      String keyAlias, String organizationName, String creditCode, Validity validity);

  /**
   * Generates, unless the store has it, the hosted key under {@code keyAlias} for a certificate of
   * the CA {@code caName} (a key of its family): the second certificate of a dual-certificate order
   * (双证书) is renewed by the CA that issued the one it replaces.
   */
  void ensureHostedKey(String keyAlias, String caName);

  /** As {@link #issue(String, String, String, Validity)}, by the CA {@code caName}. */
  CertificateRef issue(
      String caName,
      String keyAlias,
      String organizationName,
      String creditCode,
      Validity validity);

  /**
   * The seal of the certificate, made now or the one it has: each certificate has one, so a renewal
   * re-binds the organization's seal to the new one. The picture is the impression of the order's
   * new seal collection form (印章采集表) when it has a usable one; else the picture of the replaced
   * certificate's seal when that seal bears the same organization name (no new form: the seal stays
   * as it was); else drawn from the name on the certificate (a changed name never keeps the old
   * impression, which shows the old name).
   *
   * @param collectionForm the seal collection form uploaded with the order, or null
   * @param replaced the certificate the new one replaces (renewed or changed)
   * @return the seal picture, a transparent PNG; empty when it cannot be made yet (the CA
   *     administrator has a task, see {@link cn.certhall.domain.issuance.OrganizationSeals})
   */
  Optional<byte[]> sealFor(CertificateRef certificate, byte[] collectionForm, Replaced replaced);

  /** The certificate a renewal or change replaces, as its lifecycle request names it. */
  record Replaced(String caName, String serialHex) {}

  /** The certificate as issued, and its chain (issuing CA first, up to the root). */
  Issued certificate(String caName, String serialHex);

  /**
   * Revokes the certificate for {@code reason}; a certificate revoked already stays revoked as it
   * was. Commits on its own, so CRL and OCSP say revoked at once.
   *
   * @return when it was revoked (the first revocation's time)
   */
  Instant revoke(String caName, String serialHex, RevocationReason reason);

  /** Signs {@code data} with the hosted key under {@code keyAlias}. */
  Signed sign(String keyAlias, byte[] data);

  /** Whether {@code signature} over {@code data} verifies with the certificate's public key. */
  boolean verify(String caName, String serialHex, byte[] data, Signed signature);

  record Issued(X509Certificate certificate, List<X509Certificate> chain) {
    public Issued {
      chain = List.copyOf(chain);
    }
  }

  record Signed(String algorithm, byte[] signature) {
    public Signed {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }
}
