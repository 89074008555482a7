package cn.certhall.domain.order;

/**
 * The step an order has reached (订单状态). Each names the last thing done, so the portal's 继续办理 opens
 * the page of the step that follows. Which moves between them are allowed, and which are final, is
 * per business type: see {@link OrderWorkflow}.
 */
public enum OrderStatus {
  /** 申请表已填写: the application form is filled in (and editable). */
  APPLICATION_FILLED,
  /** 核验通过: the enterprise, administrator or handler verification passed. */
  VERIFIED,
  /** 确认订单: the applicant confirmed the order. */
  CONFIRMED,
  /** 证书授权码: the authorization code from the enterprise verification was entered. */
  AUTHORIZATION_CODE_ENTERED,
  /** 证书验证码与签名验证: the certificate to revoke proved its holder (code and signature). */
  CERTIFICATE_VERIFIED,
  /** 资料上传: the materials are uploaded. */
  MATERIALS_UPLOADED,
  /** 证书申请签名: the handler confirmed the application with an SMS code. */
  APPLICATION_SIGNED,
  /** 已支付: the fee is paid. */
  PAID,
  /** 等待审核: submitted, waiting for a reviewer. */
  WAITING_FOR_REVIEW,
  /** 审核未通过: rejected with a reason; can be corrected and resubmitted. */
  REJECTED,
  /** 审核通过: approved, waiting for the CA. */
  APPROVED,
  /** 证书已签发: the certificate is issued (and synced to the channel platform). */
  ISSUED,
  /** 证书已吊销: the certificate is revoked. */
  REVOKED,
  /** 取消订单: cancelled by the applicant. */
  CANCELLED
}
