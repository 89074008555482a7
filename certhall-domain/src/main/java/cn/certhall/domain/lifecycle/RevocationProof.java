package cn.certhall.domain.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * The holder's proof that it asked for the revocation (证书验证码与签名验证, SPEC 3.4): the request text,
 * signed with the certificate's hosted key after the certificate verification code was entered, and
 * checked against the certificate's public key before it was kept.
 *
 * @param request the signed text (UTF-8), naming order, certificate, reason and time
 * @param signature the signature, in the encoding of the key's algorithm (DER for SM2 and ECDSA)
 * @param algorithm the JCA name of the signature algorithm, e.g. {@code SM3withSM2}
 */
public record RevocationProof(
    String request, byte[] signature, String algorithm, Instant signedAt) {

  public RevocationProof {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(signedAt, "signedAt");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
