/**
 * Renewal (证书更新), information change (信息变更) and revocation (证书吊销) of unit certificates, SPEC
 * 3.2–3.4 and manual 1.2–1.4: the shared entry identity check ({@link IdentityCheck}), the
 * organization's certificates with what may be done with each ({@link CertificateOptions}), the
 * start of each order with the certificate it is about ({@link LifecycleRequest}), the holder's
 * proof for a revocation ({@link RevocationProof}) and what the CA does once a reviewer approved
 * ({@link LifecycleService#carryOut}).
 */
package cn.certhall.domain.lifecycle;
