package cn.certhall.domain.lifecycle;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderException;

/** A renewal, change or revocation that may not start for the certificate, and why. */
public class LifecycleRefusedException extends OrderException {
  private final Refusal refusal;
  private final CertificateOptions options;

  public LifecycleRefusedException(BusinessType type, CertificateOptions options, Refusal refusal) {
    super(
        type
            + " refused for certificate "
            + options.certificate().caName()
            + "/"
            + options.certificate().serialHex()
            + ": "
            + refusal);
    this.refusal = refusal;
    this.options = options;
  }

  public Refusal refusal() {
    return refusal;
  }

  public CertificateOptions options() {
    return options;
  }
}
