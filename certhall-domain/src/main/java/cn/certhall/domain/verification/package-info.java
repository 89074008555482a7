/**
 * Verification (核验): the authorization code (证书授权码) and SMS check codes, the enterprise
 * verification (企业认证方式) and the certificate &amp; seal administrator verification, and the ports to
 * the outside services they use: {@link cn.certhall.domain.verification.SmsSender}, {@link
 * cn.certhall.domain.verification.RealNameVerifier} and {@link
 * cn.certhall.domain.verification.MicroDepositTransfer}.
 *
 * <p>Outcomes a person can cause (a mismatch, a wrong code, a service that is down) are returned as
 * values with stable names for the web layer to word; exceptions are for programming errors only.
 * Codes, their hashes and personal data never appear in a {@code toString}, an exception message or
 * a log.
 */
package cn.certhall.domain.verification;
