package cn.certhall.pki.ocsp;

import java.time.Instant;

/**
 * An encoded OCSPResponse and, for a successful one, the window it is valid in (for the HTTP
 * caching headers of RFC 5019 6.2). {@code thisUpdate} and {@code nextUpdate} are null for an error
 * response and for a response to several certificates.
 */
public record OcspResponse(
    int status, byte[] der, Instant thisUpdate, Instant nextUpdate, boolean cacheable) {
  public boolean successful() {
    return status == 0;
  }
}
