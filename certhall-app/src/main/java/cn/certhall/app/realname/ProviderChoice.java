package cn.certhall.app.realname;

/** Who answers a real-name or face check. */
public enum ProviderChoice {
  /** The sandbox's rules with {@code certhall.sandbox.enabled}, else every check UNAVAILABLE. */
  SANDBOX,
  /** Tencent Cloud 人脸核身 (faceid). */
  TENCENT
}
