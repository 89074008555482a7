package cn.certhall.domain.order;

import java.util.Optional;

/**
 * Where orders are kept. Implementations enforce, atomically and under concurrent requests, that an
 * ID number has at most one unfinished order per business type.
 */
public interface OrderRepository {

  /**
   * Stores a new order with its history.
   *
   * @throws UnfinishedOrderExistsException if an unfinished order of the same business type exists
   *     for the applicant's ID number; then nothing is stored
   */
  void insert(Order order);

  /**
   * Stores {@code order}, a change of the order read at {@code expectedVersion}: its status,
   * application and the history lines it added. When the order has finished, its ID number is free
   * for a new order of the type.
   *
   * @throws ConcurrentOrderChangeException if the stored order is not at {@code expectedVersion}
   *     any more; then nothing is stored
   */
  void update(Order order, long expectedVersion);

  /** The order with its history. */
  Optional<Order> find(String orderId);

  /** The orders of an ID number, of every business type, with their histories. */
  OrderList list(String idNumber);

  /** The orders of an ID number and business type, with their histories. */
  OrderList list(String idNumber, BusinessType businessType);
}
