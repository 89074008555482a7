package cn.certhall.pki;

import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A CA hierarchy signs with one family throughout: root, issuing CA and every certificate below.
 */
public enum AlgorithmFamily {
  /** SM2 over sm2p256v1 with SM3 (GM/T 0003, GM/T 0015 certificates). */
  SM2,
  /** ECDSA over NIST P-256 with SHA-256. */
  ECDSA,
  /** RSA with SHA-256, PKCS#1 v1.5. */
  RSA;

  /** The family a public key belongs to, read from its SubjectPublicKeyInfo. */
  public static AlgorithmFamily of(PublicKey key) {
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    } catch (RuntimeException e) {
      throw new InvalidRequestException("public key is not a valid SubjectPublicKeyInfo");
    }
    ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
      return RSA;
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
      Object params = info.getAlgorithm().getParameters();
      if (GMObjectIdentifiers.sm2p256v1.equals(params)) {
        return SM2;
      }
      if (SECObjectIdentifiers.secp256r1.equals(params)) {
        return ECDSA;
      }
      throw new UnsupportedAlgorithmException("unsupported elliptic curve " + params);
    }
    throw new UnsupportedAlgorithmException("unsupported public key algorithm " + alg);
  }
}
