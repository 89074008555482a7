package cn.certhall.domain.review;

import cn.certhall.pki.issuance.CertificateRef;
import java.util.Optional;

/**
 * What the CA does once a renewal, change or revocation order is approved: in the app, {@link
 * cn.certhall.domain.lifecycle.LifecycleService#carryOut}. A port so the review needs only this one
 * call of it.
 */
@FunctionalInterface
public interface LifecycleApproval {

  /** Carries out the approved order; idempotent. @return the new certificate, if one was made */
  Optional<CertificateRef> carryOut(String orderId);
}
