package cn.certhall.domain.sealing;

import cn.certhall.pki.revocation.RevocationReason;
import java.math.BigInteger;

/**
 * Port: the seal administrator's PERSONAL certificate (下载个人证书), on a key made in the key store,
 * issued by the CA of the organization's certificate; and its revocation (吊销个人证书).
 */
public interface PersonalCertificates {

  /** An issued personal certificate and the alias of its key in the key store. */
  record Issued(String caName, BigInteger serial, String keyAlias) {}

  /**
   * Makes a key with the algorithm of {@code caName} and has that CA issue a year's PERSONAL
   * certificate to the person with this name and ID number.
   */
  Issued issue(String caName, String name, String idNumber);

  /** Revokes the certificate (CRL and OCSP at once); a repeat finds it revoked. */
  void revoke(String caName, BigInteger serial, RevocationReason reason);
}
