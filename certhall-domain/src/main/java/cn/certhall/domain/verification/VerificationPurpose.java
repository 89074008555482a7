package cn.certhall.domain.verification;

/** Why a real-name or face check was made. */
public enum VerificationPurpose {
  /** 证书及印章管理员核验 of a new application or an information change. */
  ADMINISTRATOR,
  /** 企业认证 by the legal representative's mobile or bank card. */
  ENTERPRISE,
  /** 证书更新 / 变更 / 吊销: the entry check (by credit code) or the handler's check (经办人核验). */
  LIFECYCLE,
  /** The seal app's face check (下载个人证书, PIN reset). */
  FACE
}
