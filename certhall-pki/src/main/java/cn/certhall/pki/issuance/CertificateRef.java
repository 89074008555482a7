package cn.certhall.pki.issuance;

import cn.certhall.pki.InvalidRequestException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Which certificate: the CA that issued it, its serial and its validity. This is how the business
 * names a certificate without holding its bytes; the serial is lower-case hex without leading
 * zeros, as {@link IssuedCertificate#serialHex()} writes it and the certificate tables keep it.
 */
public record CertificateRef(String caName, String serialHex, Validity validity) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,40}");

  public CertificateRef {
    if (caName == null || caName.isBlank()) {
      throw new InvalidRequestException("a CA name is required");
    }
    if (serialHex == null || !HEX.matcher(serialHex).matches()) {
      throw new InvalidRequestException("a serial is 1 to 40 lower-case hex digits: " + serialHex);
    }
    if (validity == null) {
      throw new InvalidRequestException("a validity is required");
    }
  }

  public CertificateRef(String caName, BigInteger serial, Validity validity) {
    this(caName, serial.toString(16), validity);
  }

  public BigInteger serial() {
    return new BigInteger(serialHex, 16);
  }

  public java.time.Instant notBefore() {
    return validity.notBefore();
  }

  public java.time.Instant notAfter() {
    return validity.notAfter();
  }
}
