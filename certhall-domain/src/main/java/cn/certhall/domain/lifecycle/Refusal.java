package cn.certhall.domain.lifecycle;

/**
 * Why a business cannot be started for a certificate; the portal words each (bundle keys {@code
 * lifecycle.refusal.*}), the renewal window's dates from {@link CertificateOptions#renewal()}.
 */
public enum Refusal {
  /** 证书已吊销，不能办理. */
  REVOKED,
  /** 证书已被更新或变更，请对新证书办理. */
  REPLACED,
  /** 证书有效期剩余 90 天及以上，暂不能更新（某日起可以更新）. */
  RENEWAL_TOO_EARLY,
  /** 证书已过期超过 365 天，不能更新，请重新申请新办. */
  RENEWAL_EXPIRED_TOO_LONG,
  /** 证书已过期，不能变更或吊销. */
  EXPIRED,
  /** 该证书已有未完成的更新、变更或吊销订单. */
  ORDER_IN_PROGRESS
}
