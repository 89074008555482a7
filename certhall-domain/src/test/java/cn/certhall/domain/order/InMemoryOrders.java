package cn.certhall.domain.order;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders in memory, as the database keeps them: one unfinished order of a type per
 * organization, versions checked.
 */
public class InMemoryOrders implements OrderRepository {
  public final Map<String, Order> orders = new LinkedHashMap<>();

  @Override
  public void insert(Order order) {
    for (Order other : orders.values()) {
      if (!other.isFinished()
          && other.businessType() == order.businessType()
          && other.applicant().number().equals(order.applicant().number())) {
        throw new UnfinishedOrderExistsException(other.id(), order.businessType());
      }
    }
    orders.put(order.id(), order);
  }

  @Override
  public void update(Order order, long expectedVersion) {
    Order stored = orders.get(order.id());
    if (stored == null || stored.version() != expectedVersion) {
      throw new ConcurrentOrderChangeException(order.id(), expectedVersion);
    }
    orders.put(order.id(), order);
  }

  @Override
  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public OrderList list(String idNumber) {
    List<Order> all =
        orders.values().stream()
            .filter(o -> o.applicant().number().equals(idNumber))
            .sorted(Comparator.comparing(Order::createdAt).reversed())
            .toList();
    return new OrderList(
        all.stream().filter(o -> !o.isFinished()).toList(),
        all.stream().filter(Order::isFinished).toList());
  }

  @Override
  public OrderList list(String idNumber, BusinessType businessType) {
    OrderList all = list(idNumber);
    return new OrderList(
        all.unfinished().stream().filter(o -> o.businessType() == businessType).toList(),
        all.finished().stream().filter(o -> o.businessType() == businessType).toList());
  }
}
