package cn.certhall.domain.order;

import java.util.Set;

/** A move that the business type's {@link OrderWorkflow} table does not allow. */
public class MoveNotAllowedException extends OrderException {

  private final BusinessType businessType;
  private final OrderStatus from;
  private final OrderStatus to;

  public MoveNotAllowedException(
      BusinessType businessType, OrderStatus from, OrderStatus to, Set<OrderStatus> allowed) {
    super(
        businessType
            + " order cannot move from "
            + from
            + " to "
            + to
            + "; "
            + (allowed.isEmpty() ? from + " is final" : "allowed from " + from + ": " + allowed));
    this.businessType = businessType;
    this.from = from;
    this.to = to;
  }

  public BusinessType businessType() {
    return businessType;
  }

  public OrderStatus from() {
    return from;
  }

  public OrderStatus to() {
    return to;
  }
}
