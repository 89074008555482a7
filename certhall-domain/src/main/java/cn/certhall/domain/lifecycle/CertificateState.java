package cn.certhall.domain.lifecycle;

/** 证书状态 as the entry's list shows it. */
public enum CertificateState {
  /** 有效. */
  VALID,
  /** 已过期: past its notAfter. */
  EXPIRED,
  /** 已吊销. */
  REVOKED,
  /** 已更新/已变更: a renewal or change issued its successor; the successor is the one to act on. */
  REPLACED
}
