package cn.certhall.domain.verification;

/** Why a real-name or face check was made. */
public enum VerificationPurpose {
    /** 证书及印章管理员核验 of a new application. */
    ADMINISTRATOR,
    /** 企业认证 by the legal representative's mobile or bank card. */
    ENTERPRISE,
    /** The entry check, handler or administrator of a renewal, change or revocation. */
    LIFECYCLE,
    /** The seal app's face check (下载个人证书, PIN reset). */
    FACE
}
