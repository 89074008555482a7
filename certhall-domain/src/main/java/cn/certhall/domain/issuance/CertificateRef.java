package cn.certhall.domain.issuance;

import java.time.Instant;
import java.util.Objects;

/**
 * The certificate an order produced: the CA that issued it and its serial, lower-case hex as the
 * certificate tables keep it.
 */
public record CertificateRef(String caName, String serialHex, Instant notBefore, Instant notAfter) {
  public CertificateRef {
    Objects.requireNonNull(caName, "caName");
    Objects.requireNonNull(serialHex, "serialHex");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
  }
}
