package cn.certhall.app;

import cn.certhall.pki.AlgorithmFamily;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CA's own RFC 3161 time-stamp authority ({@code POST /tsa}), from which B-T seals take their
 * tokens.
 *
 * @param enabled whether the TSA runs (its certificate is issued at start when missing)
 * @param policyOid the TSA policy written into every token (a 2.25 UUID OID for development; a
 *     production CA sets its registered one)
 * @param family whose issuing CA ({family}-issuing) certifies the TSA, and so its key algorithm
 * @param signerValidity validity of a TSA certificate
 * @param signerRenewBefore a new TSA certificate is made at start when the current one has less
 */
@ConfigurationProperties("certhall.tsa")
public record TsaProperties(
    boolean enabled,
    String policyOid,
    AlgorithmFamily family,
    Duration signerValidity,
    Duration signerRenewBefore) {}
