package cn.certhall.domain.lifecycle;

import cn.certhall.domain.order.BusinessType;
import java.util.Objects;
import java.util.Optional;

/**
 * What a renewal, change or revocation order is about, beside its application form: the
 * certificate, the order that produced it (whose application is the "before" of a change), the
 * revocation reason, and the holder's signed consent once given.
 *
 * @param revocationChoice 吊销理由; revocation orders only
 * @param proof the signature over the revocation request; revocation orders, once verified
 */
public record LifecycleRequest(
    String orderId,
    BusinessType businessType,
    String caName,
    String serialHex,
    String sourceOrderId,
    RevocationChoice revocationChoice,
    RevocationProof proof) {

  public LifecycleRequest {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(businessType, "businessType");
    Objects.requireNonNull(caName, "caName");
    Objects.requireNonNull(serialHex, "serialHex");
    Objects.requireNonNull(sourceOrderId, "sourceOrderId");
    if (businessType == BusinessType.NEW_UNIT_CERTIFICATE) {
      throw new IllegalArgumentException("a new certificate order is about no held certificate");
    }
    if ((businessType == BusinessType.REVOCATION) != (revocationChoice != null)) {
      throw new IllegalArgumentException("a revocation reason belongs to revocation orders only");
    }
    if (proof != null && businessType != BusinessType.REVOCATION) {
      throw new IllegalArgumentException("only a revocation carries the holder's signature");
    }
  }

  public Optional<RevocationProof> revocationProof() {
    return Optional.ofNullable(proof);
  }
}
