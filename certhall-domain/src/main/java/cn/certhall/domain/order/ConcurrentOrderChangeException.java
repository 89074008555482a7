package cn.certhall.domain.order;

/**
 * The order changed since it was read (another request moved or edited it first), so this change
 * was not stored. Reading the order again shows where it is now.
 */
public class ConcurrentOrderChangeException extends OrderException {

  private final String orderId;

  public ConcurrentOrderChangeException(String orderId, long expectedVersion) {
    super("order " + orderId + " is no longer at version " + expectedVersion);
    this.orderId = orderId;
  }

  public String orderId() {
    return orderId;
  }
}
