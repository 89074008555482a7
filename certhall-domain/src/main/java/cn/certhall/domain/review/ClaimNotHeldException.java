package cn.certhall.domain.review;

/**
 * A decision by a reviewer who does not hold the order's claim (another one does, or it lapsed).
 */
public final class ClaimNotHeldException extends RuntimeException {
  private final String orderId;
  private final String holder;

  public ClaimNotHeldException(String orderId, String holder) {
    super(
        "order "
            + orderId
            + " is not claimed by this reviewer"
            + (holder == null ? "" : "; " + holder + " holds it"));
    this.orderId = orderId;
    this.holder = holder;
  }

  public String orderId() {
    return orderId;
  }

  /** The reviewer holding the claim, or null when nobody does. */
  public String holder() {
    return holder;
  }
}
