package cn.certhall.domain.material;

import cn.certhall.domain.order.OrderException;
import cn.certhall.domain.order.OrderStatus;

/**
 * The order takes no upload of this material now: it is past the materials step (the application is
 * signed with the files' hashes and not rejected), before it, or finished, or its business needs no
 * such material.
 */
public class MaterialsNotAcceptedException extends OrderException {

  public MaterialsNotAcceptedException(String orderId, OrderStatus status, MaterialKind kind) {
    super("order " + orderId + " takes no " + kind + " in " + status);
  }
}
