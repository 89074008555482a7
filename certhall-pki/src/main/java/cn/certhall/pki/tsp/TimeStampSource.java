package cn.certhall.pki.tsp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Where a signer gets an RFC 3161 time-stamp token for a digest: the CA's own {@link
 * TimeStampAuthority} in the same process, or (later) a remote TSA over HTTP.
 */
public interface TimeStampSource {

  /**
   * A token over {@code digest}, which was computed with {@code hashAlgorithm}. The token carries
   * the TSA's certificate and chain.
   *
   * @throws cn.certhall.pki.InvalidRequestException if the hash algorithm is not accepted or the
   *     digest has the wrong length
   */
  TimeStampToken timestamp(ASN1ObjectIdentifier hashAlgorithm, byte[] digest);
}
