package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.portal.ContinueSteps.Next;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinueStepsTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final String ID = "CH20270615ABCDEFGHJKLM";

  /** A new unit order walked along the workflow's main path to {@code status}. */
  static Order newUnitOrderAt(OrderStatus status) {
    Order order =
        Order.start(
            ID,
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            NOW);
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

  final ContinueSteps steps = new ContinueSteps();

  @Test
  void continues_a_new_unit_order_at_the_portals_page_of_the_step_after_the_last_one_done() {
    for (OrderStatus status :
        new OrderStatus[] {
          OrderStatus.APPLICATION_FILLED,
          OrderStatus.VERIFIED,
          OrderStatus.CONFIRMED,
          OrderStatus.AUTHORIZATION_CODE_ENTERED,
          OrderStatus.REJECTED
        }) {
      Order order = newUnitOrderAt(status);
      assertThat(steps.of(order))
          .isEqualTo(new ContinueSteps.Step(Next.CONTINUE, ApplicationSteps.pathFor(order)));
    }
    assertThat(steps.of(newUnitOrderAt(OrderStatus.VERIFIED)).url())
        .isEqualTo("/apply/" + ID + "/confirm");
    assertThat(steps.of(newUnitOrderAt(OrderStatus.AUTHORIZATION_CODE_ENTERED)).url())
        .isEqualTo("/apply/" + ID + "/materials");
    assertThat(steps.of(newUnitOrderAt(OrderStatus.MATERIALS_UPLOADED)).url())
        .isEqualTo("/apply/" + ID + "/sign");
    assertThat(steps.of(newUnitOrderAt(OrderStatus.APPLICATION_SIGNED)).url())
        .isEqualTo("/apply/" + ID + "/pay");
    assertThat(steps.of(newUnitOrderAt(OrderStatus.REJECTED)).url())
        .isEqualTo("/apply/" + ID + "/materials");
  }

  @Test
  void every_status_of_a_new_unit_order_has_its_page() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(ApplicationSteps.pathFor(ID, status))
          .as(status.name())
          .startsWith("/apply/" + ID + "/");
    }
    assertThat(steps.pageOf(newUnitOrderAt(OrderStatus.WAITING_FOR_REVIEW)))
        .isEqualTo("/apply/" + ID + "/waiting");
    Order renewal =
        Order.start(
            ID,
            BusinessType.RENEWAL,
            "demo",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            NOW);
    // a renewal back on its form after 返回修改 continues there
    assertThat(steps.pageOf(renewal)).isEqualTo("/lifecycle/" + ID + "/form");
  }

  @Test
  void renewal_change_and_revocation_continue_at_their_own_pages() {
    for (BusinessType type : List.of(BusinessType.RENEWAL, BusinessType.INFORMATION_CHANGE)) {
      Order verified =
          Order.start(
                  ID, type, "demo", OrderApplications.transfer(OrderApplications.CREDIT_CODE), NOW)
              .moveTo(OrderStatus.VERIFIED, NOW, null);
      assertThat(steps.of(verified))
          .isEqualTo(new ContinueSteps.Step(Next.CONTINUE, "/lifecycle/" + ID + "/confirm"));
    }
    Order revocation =
        Order.start(
                ID,
                BusinessType.REVOCATION,
                "demo",
                OrderApplications.transfer(OrderApplications.CREDIT_CODE),
                NOW)
            .moveTo(OrderStatus.VERIFIED, NOW, null);
    assertThat(steps.of(revocation).url()).isEqualTo("/lifecycle/" + ID + "/certificate-code");
    assertThat(steps.of(revocation.moveTo(OrderStatus.CERTIFICATE_VERIFIED, NOW, null)).url())
        .isEqualTo("/apply/" + ID + "/materials");
    Order confirmedRenewal =
        Order.start(
                ID,
                BusinessType.RENEWAL,
                "demo",
                OrderApplications.transfer(OrderApplications.CREDIT_CODE),
                NOW)
            .moveTo(OrderStatus.VERIFIED, NOW, null)
            .moveTo(OrderStatus.CONFIRMED, NOW, null);
    assertThat(steps.of(confirmedRenewal).url()).isEqualTo("/apply/" + ID + "/pay");
  }

  @Test
  void the_cas_turn_and_finished_orders_have_nothing_to_continue() {
    assertThat(steps.of(newUnitOrderAt(OrderStatus.PAID)).next()).isEqualTo(Next.WAITING);
    assertThat(steps.of(newUnitOrderAt(OrderStatus.WAITING_FOR_REVIEW)).next())
        .isEqualTo(Next.WAITING);
    assertThat(steps.of(newUnitOrderAt(OrderStatus.CANCELLED)))
        .isEqualTo(new ContinueSteps.Step(Next.CANCELLED, null));
  }
}
