package cn.certhall.domain.lifecycle;

import cn.certhall.pki.revocation.RevocationReason;

/**
 * 吊销理由: the reasons the portal lists for a revocation order, each mapped to the engine's {@link
 * RevocationReason} (only reasons of its subscriber set).
 */
public enum RevocationChoice {
  /** 单位注销或不再需要证书 → cessationOfOperation (5). */
  NO_LONGER_NEEDED(RevocationReason.CESSATION_OF_OPERATION, "单位注销或不再需要证书"),
  /** 单位名称等信息已变更 → affiliationChanged (3). */
  INFORMATION_CHANGED(RevocationReason.AFFILIATION_CHANGED, "单位名称等信息已变更"),
  /** 证书已被新证书替代 → superseded (4). */
  REPLACED_BY_NEW_CERTIFICATE(RevocationReason.SUPERSEDED, "证书已被新证书替代"),
  /** 密钥泄露或证书被他人冒用 → keyCompromise (1). */
  KEY_COMPROMISE(RevocationReason.KEY_COMPROMISE, "密钥泄露或证书被他人冒用"),
  /** 其他原因 → unspecified (0). */
  OTHER(RevocationReason.UNSPECIFIED, "其他原因");

  private final RevocationReason reason;
  private final String label;

  RevocationChoice(RevocationReason reason, String label) {
    if (!RevocationReason.SUBSCRIBER_REASONS.contains(reason)) {
      throw new IllegalArgumentException(reason + " is not a subscriber's reason");
    }
    this.reason = reason;
    this.label = label;
  }

  /** The reason written into the CRL and the OCSP answers. */
  public RevocationReason reason() {
    return reason;
  }

  /** The Chinese wording, for the console. */
  public String label() {
    return label;
  }
}
