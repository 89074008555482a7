package cn.certhall.app.portal;

import static cn.certhall.domain.order.OrderStatus.APPROVED;
import static cn.certhall.domain.order.OrderStatus.PAID;
import static cn.certhall.domain.order.OrderStatus.WAITING_FOR_REVIEW;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * 继续办理: where an order left off. A status names the last step done (see {@link OrderStatus}); each
 * flow knows the page of the step after it, and this class only says which flow an order belongs to
 * and whether it is the applicant's turn at all. Business types whose flow has no pages yet offer
 * no 继续办理 and say the next step is not online yet.
 */
@Component
public class ContinueSteps {

  /** The flows with pages, each with its own "status → page of the next step". */
  static final Map<BusinessType, Function<Order, String>> FLOWS =
      Map.of(
          BusinessType.NEW_UNIT_CERTIFICATE, ApplicationSteps::pathFor,
          BusinessType.RENEWAL, LifecycleSteps::pathFor,
          BusinessType.INFORMATION_CHANGE, LifecycleSteps::pathFor,
          BusinessType.REVOCATION, LifecycleSteps::pathFor);

  /** The CA's turn in every flow (payment received, review, issuance): nothing to continue. */
  static final Set<OrderStatus> CA_TURN = EnumSet.of(PAID, WAITING_FOR_REVIEW, APPROVED);

  /** Where an unfinished order stands for the applicant. */
  public enum Next {
    /** 继续办理 opens {@link Step#url}. */
    CONTINUE,
    /** The applicant has a step to do, but its flow has no pages yet. */
    NOT_ONLINE_YET,
    /** The CA's turn: review, issuance. Nothing for the applicant to do. */
    WAITING,
    /** The order reached its end: issued, or revoked. */
    FINISHED,
    /** The order was cancelled: it did not finish, so it must never read as done. */
    CANCELLED;

    /** Whether the order moves no more (no 取消订单 either). */
    public boolean isFinal() {
      return this == FINISHED || this == CANCELLED;
    }
  }

  /**
   * @param url for {@link Next#CONTINUE}: the page to open; else null
   */
  public record Step(Next next, String url) {}

  public Step of(Order order) {
    if (order.status() == OrderStatus.CANCELLED) {
      return new Step(Next.CANCELLED, null);
    }
    if (order.isFinished()) {
      return new Step(Next.FINISHED, null);
    }
    if (CA_TURN.contains(order.status())) {
      return new Step(Next.WAITING, null);
    }
    Function<Order, String> flow = FLOWS.get(order.businessType());
    if (flow == null) {
      return new Step(Next.NOT_ONLINE_YET, null);
    }
    return new Step(Next.CONTINUE, flow.apply(order));
  }

  /**
   * The page an order belongs on, whatever its state: its flow's page for the status (also for the
   * CA's turn and finished orders, whose page says so), or the order's details in order query for a
   * business whose flow has no pages.
   */
  public String pageOf(Order order) {
    Function<Order, String> flow = FLOWS.get(order.businessType());
    return flow == null ? "/orders/" + order.id() : flow.apply(order);
  }
}
