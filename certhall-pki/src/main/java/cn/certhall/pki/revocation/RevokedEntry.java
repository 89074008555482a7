package cn.certhall.pki.revocation;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revoked certificate as CRLs and OCSP responses state it.
 *
 * @param invalidityDate when the key is known or suspected to have been compromised; may be null
 */
public record RevokedEntry(
    BigInteger serial, Instant revokedAt, RevocationReason reason, Instant invalidityDate) {}
