package cn.certhall.domain.issuance;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An issued certificate as the channel receives it.
 *
 * @param chain the issuing CA's certificate first, up to the root
 */
public record CertificateChain(X509Certificate certificate, List<X509Certificate> chain) {
  public CertificateChain {
    Objects.requireNonNull(certificate, "certificate");
    chain = List.copyOf(chain);
  }
}
