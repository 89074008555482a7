package cn.certhall.domain.verification;

/**
 * What a code proves, with the {@link SmsTemplate} of its text message. A code of one purpose never
 * passes for another: the purpose is part of its {@link CodeKey} and of its hash.
 */
public enum Purpose {
  /**
   * 证书授权码: the organization controls the legal representative's mobile or the corporate account
   * (enterprise verification, SPEC 3.1 steps 2 and 5). Keyed by order.
   */
  ENTERPRISE_VERIFICATION(SmsTemplate.ENTERPRISE_VERIFICATION_CODE),
  /** 我的订单: the handler's mobile on file confirms the order query (SPEC 3.5). Keyed by ID number. */
  ORDER_QUERY(SmsTemplate.ORDER_QUERY_CODE),
  /** 证书申请签名: the handler confirms the application (SPEC 3.1 step 7). Keyed by order. */
  APPLICATION_SIGNATURE(SmsTemplate.APPLICATION_SIGNATURE_CODE),
  /**
   * 证书更新 / 信息变更 / 证书吊销 entry: the handler's or legal representative's mobile proves who asks for
   * the organization's certificates (SPEC 3.2). Keyed by credit code and mobile.
   */
  CERTIFICATE_SERVICE(SmsTemplate.CERTIFICATE_SERVICE_CODE),
  /**
   * 证书验证码: the certificate &amp; seal administrator, who holds the certificate, agrees to its
   * revocation (SPEC 3.4). Keyed by order.
   */
  CERTIFICATE_VERIFICATION(SmsTemplate.CERTIFICATE_VERIFICATION_CODE),
  /** 信手书注册登录: the seal administrator's mobile (SPEC 3.1 step 11). Keyed by mobile. */
  SEAL_APP_SIGN_IN(SmsTemplate.SEAL_APP_SIGN_IN_CODE);

  private final SmsTemplate smsTemplate;

  Purpose(SmsTemplate smsTemplate) {
    this.smsTemplate = smsTemplate;
  }

  /**
   * The text message carrying {@code code}, which stays valid for {@code lifetime} (in Chinese).
   */
  SmsMessage smsMessage(AuthorizationCode code, String lifetime) {
    return SmsMessage.of(smsTemplate, code.digits(), lifetime);
  }
}
