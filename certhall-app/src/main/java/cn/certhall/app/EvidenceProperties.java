package cn.certhall.app;

import cn.certhall.pki.AlgorithmFamily;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The evidence reports (出证报告) and their signer.
 *
 * @param family whose issuing CA ({family}-issuing) certifies the evidence signer, and so the
 *     algorithm of its signatures; ECDSA by default, which PDF readers and pdfsig can check
 * @param signerValidity validity of an evidence signer's certificate (never beyond its CA)
 * @param signerRenewBefore a new evidence signer is made on the next report when the current one
 *     has less left
 */
@ConfigurationProperties("certhall.evidence")
public record EvidenceProperties(
    AlgorithmFamily family, Duration signerValidity, Duration signerRenewBefore) {}
