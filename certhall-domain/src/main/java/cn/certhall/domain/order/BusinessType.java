package cn.certhall.domain.order;

/** The business an order carries out (业务类型); each has its own {@link OrderWorkflow}. */
public enum BusinessType {
  /** 单位证书新办: a new unit cloud certificate (SPEC 3.1). */
  NEW_UNIT_CERTIFICATE,
  /** 证书更新: renewal of a unit certificate (SPEC 3.2). */
  RENEWAL,
  /** 信息变更: a change of the organization's information, with a new certificate (SPEC 3.3). */
  INFORMATION_CHANGE,
  /** 证书吊销: revocation of a unit certificate (SPEC 3.4). */
  REVOCATION
}
