package cn.certhall.app.orderquery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.orderquery.ContinueSteps.Next;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.OrderWorkflow;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContinueStepsTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final String ID = "CH20270615ABCDEFGHJKLM";

  /** A new unit order walked along the workflow's main path to {@code status}. */
  static Order newUnitOrderAt(OrderStatus status) {
    Order order =
        Order.start(
            ID, BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(OrderApplications.CREDIT_CODE), NOW);
    OrderStatus[] path = {
      OrderStatus.VERIFIED,
      OrderStatus.CONFIRMED,
      OrderStatus.AUTHORIZATION_CODE_ENTERED,
      OrderStatus.MATERIALS_UPLOADED,
      OrderStatus.APPLICATION_SIGNED,
      OrderStatus.PAID,
      OrderStatus.WAITING_FOR_REVIEW,
      OrderStatus.REJECTED
    };
    for (OrderStatus next : path) {
      if (order.status() == status) {
        break;
      }
      order = order.moveTo(next, NOW, null);
    }
    if (status == OrderStatus.CANCELLED) {
      order = order.cancel(NOW, null);
    }
    assertThat(order.status()).isEqualTo(status);
    return order;
  }

  @Test
  void continues_at_the_page_of_the_step_after_the_last_one_done() {
    ContinueSteps steps = new ContinueSteps(() -> Set.of("/apply/{orderId}/confirm"));

    assertThat(steps.of(newUnitOrderAt(OrderStatus.VERIFIED)))
        .isEqualTo(new ContinueSteps.Step(Next.CONTINUE, "/apply/" + ID + "/confirm"));
  }

  @Test
  void a_step_whose_page_is_not_served_yet_is_not_offered() {
    ContinueSteps steps = new ContinueSteps(Set::of);

    assertThat(steps.of(newUnitOrderAt(OrderStatus.APPLICATION_FILLED)).next())
        .isEqualTo(Next.NOT_ONLINE_YET);
  }

  @Test
  void the_cas_turn_and_finished_orders_have_nothing_to_continue() {
    ContinueSteps steps = new ContinueSteps(() -> Set.copyOf(allPatterns()));

    assertThat(steps.of(newUnitOrderAt(OrderStatus.PAID)).next()).isEqualTo(Next.WAITING);
    assertThat(steps.of(newUnitOrderAt(OrderStatus.WAITING_FOR_REVIEW)).next()).isEqualTo(Next.WAITING);
    assertThat(steps.of(newUnitOrderAt(OrderStatus.CANCELLED))).isEqualTo(new ContinueSteps.Step(Next.FINISHED, null));
  }

  @Test
  void every_row_is_an_unfinished_state_of_its_workflow_and_names_the_order() {
    ContinueSteps.PAGES.forEach(
        (type, rows) ->
            rows.forEach(
                (status, pattern) -> {
                  OrderWorkflow workflow = OrderWorkflow.of(type);
                  assertThat(workflow.states()).contains(status);
                  assertThat(workflow.isFinished(status)).isFalse();
                  assertThat(pattern).startsWith("/").contains("{" + ContinueSteps.ORDER_ID + "}");
                }));
  }

  private static Collection<String> allPatterns() {
    return ContinueSteps.PAGES.values().stream().map(Map::values).flatMap(Collection::stream).toList();
  }
}
