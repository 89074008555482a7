package cn.certhall.documents.pades;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;

/**
 * The signed attributes of a PAdES baseline signature (ETSI EN 319 142-1 5.1, 6.3): content-type,
 * message-digest and signing-certificate-v2 (binding the signature to the certificate, SHA-256 of
 * it, SM3 for SM2), and deliberately no signing-time: PAdES forbids it and takes the claimed time
 * from the signature dictionary's M entry. Bouncy Castle's default generator would add signing-time
 * and CMSAlgorithmProtection, hence this one.
 */
final class PadesSignedAttributes implements CMSAttributeTableGenerator {
  private final Attribute signingCertificate;

  PadesSignedAttributes(X509CertificateHolder certificate, boolean sm3) {
    try {
      byte[] der = certificate.getEncoded();
      AlgorithmIdentifier hash =
          new AlgorithmIdentifier(sm3 ? GMObjectIdentifiers.sm3 : NISTObjectIdentifiers.id_sha256);
      ESSCertIDv2 id =
          new ESSCertIDv2(
              hash,
              PadesSealer.digest(sm3 ? "SM3" : "SHA-256", der),
              new IssuerSerial(
                  new GeneralNames(new GeneralName(certificate.getIssuer())),
                  certificate.getSerialNumber()));
      signingCertificate =
          new Attribute(
              PKCSObjectIdentifiers.id_aa_signingCertificateV2,
              new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the signing certificate", e);
    }
  }

  @Override
  public AttributeTable getAttributes(Map params) {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(
        new Attribute(
            CMSAttributes.contentType,
            new DERSet(
                (ASN1ObjectIdentifier) params.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
    attributes.add(
        new Attribute(
            CMSAttributes.messageDigest,
            new DERSet(
                new DEROctetString((byte[]) params.get(CMSAttributeTableGenerator.DIGEST)))));
    attributes.add(signingCertificate);
    return new AttributeTable(attributes);
  }
}
