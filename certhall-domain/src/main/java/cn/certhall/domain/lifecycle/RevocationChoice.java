package cn.certhall.domain.lifecycle;

/**
 * 吊销理由: the reasons the portal lists for a revocation order, each mapped to its RFC 5280
 * CRLReason code (only codes of the engine's subscriber set: 0, 1, 3, 4, 5).
 */
public enum RevocationChoice {
    /** 单位注销或不再需要证书 → cessationOfOperation (5). */
    NO_LONGER_NEEDED(5, "单位注销或不再需要证书"),
    /** 单位名称等信息已变更 → affiliationChanged (3). */
    INFORMATION_CHANGED(3, "单位名称等信息已变更"),
    /** 证书已被新证书替代 → superseded (4). */
    REPLACED_BY_NEW_CERTIFICATE(4, "证书已被新证书替代"),
    /** 密钥泄露或证书被他人冒用 → keyCompromise (1). */
    KEY_COMPROMISE(1, "密钥泄露或证书被他人冒用"),
    /** 其他原因 → unspecified (0). */
    OTHER(0, "其他原因");

    /** The code recorded when a change supersedes the old certificate (superseded). */
    public static final int SUPERSEDED_CODE = 4;

    private final int rfc5280Code;
    private final String label;

    RevocationChoice(int rfc5280Code, String label) {
        this.rfc5280Code = rfc5280Code;
        this.label = label;
    }

    /** The CRLReason code written into the CRL and the OCSP answers. */
    public int rfc5280Code() {
        return rfc5280Code;
    }

    /** The Chinese wording, for the history and the console. */
    public String label() {
        return label;
    }
}
