package cn.certhall.domain.order;

import java.util.List;

/** 我的订单: an applicant's orders in the two lists of the order query, newest first (SPEC 3.5). */
public record OrderList(List<Order> unfinished, List<Order> finished) {

  public OrderList {
    unfinished = List.copyOf(unfinished);
    finished = List.copyOf(finished);
  }
}
