package cn.certhall.domain.material;

import cn.certhall.domain.order.OrderException;

/** Two uploads of the same material of an order at once; the other one was kept. */
public class ConcurrentUploadException extends OrderException {

  public ConcurrentUploadException(String orderId, MaterialKind kind, int version) {
    super(
        "order "
            + orderId
            + ": version "
            + version
            + " of "
            + kind
            + " was stored by another upload");
  }
}
