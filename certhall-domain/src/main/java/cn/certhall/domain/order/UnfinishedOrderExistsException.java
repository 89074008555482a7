package cn.certhall.domain.order;

import java.util.Objects;

/**
 * 存在未完成订单: the applicant's ID number already has an unfinished order of this business type, so no
 * new one may start until that one finishes or is cancelled (SPEC 3).
 */
public class UnfinishedOrderExistsException extends OrderException {

  private final String openOrderId;
  private final BusinessType businessType;

  public UnfinishedOrderExistsException(String openOrderId, BusinessType businessType) {
    super("an unfinished " + businessType + " order exists for this ID number: " + openOrderId);
    this.openOrderId = Objects.requireNonNull(openOrderId, "openOrderId");
    this.businessType = Objects.requireNonNull(businessType, "businessType");
  }

  /** The unfinished order, for the link to continue or cancel it. */
  public String openOrderId() {
    return openOrderId;
  }

  public BusinessType businessType() {
    return businessType;
  }
}
