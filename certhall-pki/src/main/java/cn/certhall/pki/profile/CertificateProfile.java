package cn.certhall.pki.profile;

import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The eight kinds of certificate the CA issues. Each profile says what its subject is, which CA may
 * issue it, and which extensions it carries; the extension values themselves are assembled once per
 * issuing CA in {@link IssuerExtensions}.
 */
public enum CertificateProfile {
  /** Self-signed trust anchor. */
  ROOT_CA(Subject.Authority.class, Set.of(IssuerKind.SELF)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return List.of(CA_UNLIMITED, CA_KEY_USAGE, subjectKeyId);
    }
  },
  /** Subordinate CA that signs end-entity certificates; path length 0. */
  ISSUING_CA(Subject.Authority.class, Set.of(IssuerKind.ROOT)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return List.of(
          CA_PATHLEN_0,
          CA_KEY_USAGE,
          subjectKeyId,
          issuer.authorityKeyId(),
          issuer.crlDistributionPoint(),
          issuer.authorityInfoAccess(),
          issuer.certificatePolicies());
    }
  },
  /** Delegated OCSP signer (RFC 6960 4.2.2.2): id-kp-OCSPSigning and id-pkix-ocsp-nocheck. */
  OCSP_SIGNER(Subject.Authority.class, Set.of(IssuerKind.ROOT, IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return List.of(
          SIGNATURE_KEY_USAGE, OCSP_SIGNING, OCSP_NO_CHECK, subjectKeyId, issuer.authorityKeyId());
    }
  },
  /**
   * The CA's seal maker (制章者): signs the GB/T 38540 electronic seals (SESeal) the CA makes for
   * organizations, which carry this certificate. digitalSignature + nonRepudiation as for the end
   * entities (the seal maker vouches for the seal's content); no extended key usage, as none is
   * registered for seal making; verifiers know the seal maker by its issuer and subject.
   */
  SEAL_MAKER(Subject.Authority.class, Set.of(IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return endEntity(issuer, subjectKeyId);
    }
  },
  /**
   * The CA's time-stamping authority (RFC 3161 2.3): id-kp-timeStamping as the only extended key
   * usage, marked critical as RFC 3161 demands, so the key signs time-stamp tokens and nothing
   * else. CRL DP and AIA let relying parties check it like any end entity.
   */
  TIME_STAMPING(Subject.Authority.class, Set.of(IssuerKind.ROOT, IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return List.of(
          SIGNATURE_KEY_USAGE,
          TIME_STAMPING_EKU,
          subjectKeyId,
          issuer.authorityKeyId(),
          issuer.crlDistributionPoint(),
          issuer.authorityInfoAccess());
    }
  },
  /**
   * The CA's evidence signer (出证): signs the evidence reports (出证报告) the CA issues about orders and
   * sealed documents, so a court or an auditor can check them on their own. Its own key and
   * certificate, apart from the TSA's and the seal maker's, so a report's signature says which
   * function of the CA vouches for it. digitalSignature + nonRepudiation, no extended key usage (as
   * for the seal maker: PDF readers check a document signature's key usage, and no EKU is
   * registered for evidence).
   */
  EVIDENCE(Subject.Authority.class, Set.of(IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return endEntity(issuer, subjectKeyId);
    }
  },
  /** Unit (organization) signing certificate behind the electronic seal (单位证书). */
  ORGANIZATION(Subject.Organization.class, Set.of(IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return endEntity(issuer, subjectKeyId);
    }
  },
  /** Personal certificate of the certificate and seal administrator (个人证书). */
  PERSONAL(Subject.Person.class, Set.of(IssuerKind.ISSUING)) {
    @Override
    public List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId) {
      return endEntity(issuer, subjectKeyId);
    }
  };

  /** Which CA signs: itself (a root being made), a root, or an issuing CA. */
  public enum IssuerKind {
    SELF,
    ROOT,
    ISSUING
  }

  private static final Extension CA_UNLIMITED =
      extension(Extension.basicConstraints, true, new BasicConstraints(true));
  private static final Extension CA_PATHLEN_0 =
      extension(Extension.basicConstraints, true, new BasicConstraints(0));
  private static final Extension CA_KEY_USAGE =
      extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
  private static final Extension SIGNATURE_KEY_USAGE =
      extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
  private static final Extension NON_REPUDIATION_KEY_USAGE =
      extension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
  private static final Extension OCSP_SIGNING =
      extension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
  private static final Extension TIME_STAMPING_EKU =
      extension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
  private static final Extension OCSP_NO_CHECK =
      extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);

  private final Class<? extends Subject> subjectType;
  private final Set<IssuerKind> issuers;

  CertificateProfile(Class<? extends Subject> subjectType, Set<IssuerKind> issuers) {
    this.subjectType = subjectType;
    this.issuers = issuers;
  }

  /** The extensions of a certificate of this profile, in the order they are written. */
  public abstract List<Extension> extensions(IssuerExtensions issuer, Extension subjectKeyId);

  public Class<? extends Subject> subjectType() {
    return subjectType;
  }

  public boolean issuableBy(IssuerKind kind) {
    return issuers.contains(kind);
  }

  public boolean isCa() {
    return this == ROOT_CA || this == ISSUING_CA;
  }

  private static List<Extension> endEntity(IssuerExtensions issuer, Extension subjectKeyId) {
    return List.of(
        NON_REPUDIATION_KEY_USAGE,
        subjectKeyId,
        issuer.authorityKeyId(),
        issuer.crlDistributionPoint(),
        issuer.authorityInfoAccess(),
        issuer.certificatePolicies());
  }

  static Extension extension(
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
      boolean critical,
      org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode extension " + oid, e);
    }
  }
}
