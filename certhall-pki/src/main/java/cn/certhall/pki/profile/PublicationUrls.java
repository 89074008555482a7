package cn.certhall.pki.profile;

import cn.certhall.pki.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What an issuing CA writes into the certificates it signs, all from configuration: where its CRL
 * is (CRL distribution point), where its OCSP responder and its own certificate are (AIA), and the
 * certificate policy its end-entity and subordinate certificates are issued under.
 *
 * @param crlUrl the CA's CRL, as {@code http://…/crl/{name}.crl}
 * @param ocspUrl the OCSP responder, or {@code null} for a CA without one (a root)
 * @param caIssuersUrl the CA's own certificate, as {@code http://…/ca/{name}.crt}
 * @param policyOid the certificate policy OID, dotted
 */
public record PublicationUrls(
    String crlUrl, String ocspUrl, String caIssuersUrl, String policyOid) {
  public PublicationUrls {
    checkUrl("CRL distribution point", crlUrl);
    if (ocspUrl != null) {
      checkUrl("OCSP", ocspUrl);
    }
    checkUrl("caIssuers", caIssuersUrl);
    if (policyOid == null || ASN1ObjectIdentifier.tryFromID(policyOid) == null) {
      throw new InvalidRequestException("certificate policy is not an OID: " + policyOid);
    }
  }

  private static void checkUrl(String what, String url) {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        // RFC 5280 4.2.1.13 / RFC 5019: relying parties fetch these over plain HTTP
        throw new InvalidRequestException(what + " URL must be an absolute http URL: " + url);
      }
    } catch (URISyntaxException | NullPointerException e) {
      throw new InvalidRequestException(what + " URL is malformed: " + url);
    }
  }
}
