package cn.certhall.domain.inactivity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.NotificationOutbox;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.orderquery.Fakes;
import cn.certhall.domain.verification.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The inactivity rule in memory: when the notice comes, when the cancellation, and what resets
 * them.
 */
class InactiveOrderCancellationTest {
  static final String CODE = "91350100M000100Y43";

  final MutableClock clock = new MutableClock(Instant.parse("2027-06-15T02:30:00Z"));
  final Fakes.Orders repository = new Fakes.Orders();
  final OrderService orders =
      new OrderService(
          repository,
          Fakes.DIRECT,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {});
  final List<Notification> sent = new ArrayList<>();
  final Map<String, Instant> warnings = new HashMap<>();

  /** The port over the in-memory orders: last activity is the order's last change. */
  final InactiveOrders inactive =
      new InactiveOrders() {
        @Override
        public List<Inactive> toWarn(Set<OrderStatus> statuses, Instant idleSince, int limit) {
          return idle(statuses, idleSince).stream()
              .filter(o -> !warnings.containsKey(o.orderId() + o.lastActivity()))
              .limit(limit)
              .toList();
        }

        @Override
        public List<Inactive> toCancel(
            Set<OrderStatus> statuses, Instant idleSince, Instant warnedBefore, int limit) {
          return idle(statuses, idleSince).stream()
              .filter(
                  o -> {
                    Instant warned = warnings.get(o.orderId() + o.lastActivity());
                    return warned != null && !warned.isAfter(warnedBefore);
                  })
              .limit(limit)
              .toList();
        }

        @Override
        public boolean recordWarning(String orderId, Instant lastActivity, Instant warnedAt) {
          return warnings.putIfAbsent(orderId + lastActivity, warnedAt) == null;
        }

        private List<Inactive> idle(Set<OrderStatus> statuses, Instant idleSince) {
          return repository.list(CODE).unfinished().stream()
              .filter(o -> statuses.contains(o.status()) && o.updatedAt().isBefore(idleSince))
              .sorted(Comparator.comparing(Order::updatedAt))
              .map(o -> new Inactive(o.id(), o.updatedAt()))
              .toList();
        }
      };

  final NotificationOutbox outbox = (notification, now) -> sent.add(notification);

  final InactiveOrderCancellation job =
      new InactiveOrderCancellation(
          orders,
          inactive,
          new Notifications(outbox, clock),
          Fakes.DIRECT,
          Duration.ofDays(30),
          Duration.ofDays(3),
          clock);

  Order order() {
    return orders.start(
        BusinessType.NEW_UNIT_CERTIFICATE, "demo", Fakes.application(CODE, "13800138001"));
  }

  Order reload(Order order) {
    return orders.find(order.id()).orElseThrow();
  }

  @Test
  void an_order_found_long_idle_is_told_first_and_cancelled_only_after_the_notice_period() {
    Order order = order();
    clock.advance(Duration.ofDays(45));

    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(1, 0));
    assertThat(sent).extracting(Notification::body).allMatch(body -> body.contains("将于"));
    assertThat(sent).hasSize(2);

    clock.advance(Duration.ofDays(3).minusMinutes(1));
    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(0, 0));
    clock.advance(Duration.ofMinutes(1));
    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(0, 1));
    assertThat(reload(order).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(sent).hasSize(4);
    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(0, 0));
  }

  @Test
  void a_step_after_the_notice_starts_a_new_idle_spell_with_its_own_notice() {
    Order order = order();
    clock.advance(Duration.ofDays(27).plusMinutes(1));
    assertThat(job.run().warned()).isEqualTo(1);
    orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));

    clock.advance(Duration.ofDays(4));
    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(0, 0));
    clock.advance(Duration.ofDays(23).plusMinutes(1));
    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(1, 0));
    assertThat(reload(order).status()).isEqualTo(OrderStatus.VERIFIED);
  }

  @Test
  void orders_with_a_reviewer_are_never_touched() {
    Order order = order();
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    clock.advance(Duration.ofDays(90));

    assertThat(job.run()).isEqualTo(new InactiveOrderCancellation.Run(0, 0));
    assertThat(sent).isEmpty();
  }
}
