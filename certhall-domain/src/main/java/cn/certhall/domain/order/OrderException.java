package cn.certhall.domain.order;

/**
 * A refusal of the order domain. Messages name orders, types and statuses, never personal data, so
 * they may be logged and shown.
 */
public abstract class OrderException extends RuntimeException {

  protected OrderException(String message) {
    super(message);
  }
}
