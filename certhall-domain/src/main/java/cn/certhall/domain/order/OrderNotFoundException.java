package cn.certhall.domain.order;

/** No order has this number. */
public class OrderNotFoundException extends OrderException {

  private final String orderId;

  public OrderNotFoundException(String orderId) {
    super("no order " + orderId);
    this.orderId = orderId;
  }

  public String orderId() {
    return orderId;
  }
}
