package cn.certhall.domain.order;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an order's status history (订单详情). The first line of every order is its creation, with
 * no {@code from}.
 *
 * @param from the status before, or null for the creation
 * @param note why, when there is something to say (a rejection reason, a cancellation); or null
 */
public record StatusChange(Instant at, OrderStatus from, OrderStatus to, HistoryNote note) {

  public StatusChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(to, "to");
  }

  public boolean isCreation() {
    return from == null;
  }
}
