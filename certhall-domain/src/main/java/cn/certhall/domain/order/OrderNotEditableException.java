package cn.certhall.domain.order;

/**
 * The application data of an order may only change where its workflow allows (the form, a
 * rejection).
 */
public class OrderNotEditableException extends OrderException {

  private final String orderId;
  private final OrderStatus status;

  public OrderNotEditableException(String orderId, OrderStatus status) {
    super("order " + orderId + " cannot be edited in " + status);
    this.orderId = orderId;
    this.status = status;
  }

  public String orderId() {
    return orderId;
  }

  public OrderStatus status() {
    return status;
  }
}
