package cn.certhall.pki.profile;

import static cn.certhall.pki.profile.CertificateProfile.extension;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * The extensions that depend only on the issuing CA (AKI, CRL distribution point, AIA, policy),
 * encoded once when the CA is loaded rather than once per certificate.
 */
public final class IssuerExtensions {
  private static final BcX509ExtensionUtils KEY_IDS = new BcX509ExtensionUtils();

  private final Extension authorityKeyId;
  private final Extension crlDistributionPoint;
  private final Extension authorityInfoAccess;
  private final Extension certificatePolicies;

  private IssuerExtensions(
      Extension authorityKeyId,
      Extension crlDistributionPoint,
      Extension authorityInfoAccess,
      Extension certificatePolicies) {
    this.authorityKeyId = authorityKeyId;
    this.crlDistributionPoint = crlDistributionPoint;
    this.authorityInfoAccess = authorityInfoAccess;
    this.certificatePolicies = certificatePolicies;
  }

  /** For a CA signing others: everything from its key and its publication URLs. */
  public static IssuerExtensions of(SubjectPublicKeyInfo issuerKey, PublicationUrls urls) {
    Extension aki =
        extension(
            Extension.authorityKeyIdentifier,
            false,
            KEY_IDS.createAuthorityKeyIdentifier(issuerKey));
    DistributionPoint crl =
        new DistributionPoint(
            new DistributionPointName(
                new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.crlUrl()))),
            null,
            null);
    List<AccessDescription> access = new ArrayList<>();
    if (urls.ocspUrl() != null) {
      access.add(
          new AccessDescription(
              AccessDescription.id_ad_ocsp,
              new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocspUrl())));
    }
    access.add(
        new AccessDescription(
            AccessDescription.id_ad_caIssuers,
            new GeneralName(GeneralName.uniformResourceIdentifier, urls.caIssuersUrl())));
    return new IssuerExtensions(
        aki,
        extension(
            Extension.cRLDistributionPoints,
            false,
            new CRLDistPoint(new DistributionPoint[] {crl})),
        extension(
            Extension.authorityInfoAccess,
            false,
            AuthorityInformationAccess.getInstance(
                new DERSequence(access.toArray(new AccessDescription[0])))),
        extension(
            Extension.certificatePolicies,
            false,
            new CertificatePolicies(
                new PolicyInformation(new ASN1ObjectIdentifier(urls.policyOid())))));
  }

  /** For a root signing itself: no issuer above it to point at. */
  public static IssuerExtensions selfSigned() {
    return new IssuerExtensions(null, null, null, null);
  }

  /** Subject key identifier, RFC 5280 method 1 (SHA-1 of the public key bits). */
  public static Extension subjectKeyId(SubjectPublicKeyInfo key) {
    return extension(
        Extension.subjectKeyIdentifier, false, KEY_IDS.createSubjectKeyIdentifier(key));
  }

  public Extension authorityKeyId() {
    return authorityKeyId;
  }

  Extension crlDistributionPoint() {
    return crlDistributionPoint;
  }

  Extension authorityInfoAccess() {
    return authorityInfoAccess;
  }

  Extension certificatePolicies() {
    return certificatePolicies;
  }
}
