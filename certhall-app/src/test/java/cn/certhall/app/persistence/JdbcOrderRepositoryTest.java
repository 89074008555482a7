package cn.certhall.app.persistence;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.app.OrderApplications.OTHER_CREDIT_CODE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static cn.certhall.domain.order.BusinessType.RENEWAL;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_SIGNED;
import static cn.certhall.domain.order.OrderStatus.APPROVED;
import static cn.certhall.domain.order.OrderStatus.AUTHORIZATION_CODE_ENTERED;
import static cn.certhall.domain.order.OrderStatus.CONFIRMED;
import static cn.certhall.domain.order.OrderStatus.ISSUED;
import static cn.certhall.domain.order.OrderStatus.MATERIALS_UPLOADED;
import static cn.certhall.domain.order.OrderStatus.PAID;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static cn.certhall.domain.order.OrderStatus.WAITING_FOR_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Orders, their history and the one-unfinished-order rule in the schema, on H2 and PostgreSQL. */
class JdbcOrderRepositoryTest {
  /** Milliseconds, as the order service's clock gives them. */
  static final Instant T0 = Instant.parse("2027-06-15T02:30:00.123Z");

  record Setup(JdbcClient jdbc, JdbcOrderRepository orders) {
    long rows(String table) {
      return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
  }

  static Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    return new Setup(jdbc, new JdbcOrderRepository(jdbc, new DataSourceTransactionManager(ds)));
  }

  static int sequence;

  static Order newOrder(BusinessType type, UnitApplication application, Instant at) {
    return Order.start(
        "CH20270615TEST" + String.format("%08d", ++sequence), type, "channel-7", application, at);
  }

  static Order insert(Setup s, Order order) {
    s.orders().insert(order);
    return order;
  }

  /** Moves and stores one step at a time, as the service does. */
  static Order walk(Setup s, Order order, OrderStatus... steps) {
    for (OrderStatus step : steps) {
      Order moved = order.moveTo(step, order.updatedAt().plusSeconds(60), null);
      s.orders().update(moved, order.version());
      order = moved;
    }
    return order;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void orderReadsBackAsStoredWithItsHistory(Kind kind) {
    Setup s = setup(kind);
    Order order = newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0);
    s.orders().insert(order);
    Order moved =
        order
            .moveTo(VERIFIED, T0.plusSeconds(1), null)
            .moveTo(CONFIRMED, T0.plusSeconds(2), HistoryNote.of("history.lifecycle.confirmed"))
            .moveTo(
                APPLICATION_FILLED,
                T0.plusSeconds(3),
                HistoryNote.of("history.lifecycle.changed", "1A2B", "3C4D"));
    s.orders().update(moved, order.version());

    Order loaded = s.orders().find(order.id()).orElseThrow();

    assertThat(loaded).usingRecursiveComparison().isEqualTo(moved);
    assertThat(loaded.history())
        .extracting(StatusChange::from, StatusChange::to, StatusChange::note)
        .containsExactly(
            tuple(null, APPLICATION_FILLED, null),
            tuple(APPLICATION_FILLED, VERIFIED, null),
            tuple(VERIFIED, CONFIRMED, HistoryNote.of("history.lifecycle.confirmed")),
            tuple(
                CONFIRMED,
                APPLICATION_FILLED,
                HistoryNote.of("history.lifecycle.changed", "1A2B", "3C4D")));
    assertThat(s.orders().find("CH20270615NOSUCHORDER")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyVerificationMethodAndItsEmptyColumnsReadBack(Kind kind) {
    Setup s = setup(kind);
    Order order = newOrder(RENEWAL, OrderApplications.bankCard(OTHER_CREDIT_CODE), T0);
    s.orders().insert(order);
    Order corrected = order.withApplication(OrderApplications.transfer(OTHER_CREDIT_CODE), T0);
    s.orders().update(corrected, order.version());

    assertThat(s.orders().find(order.id()).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(corrected);
    assertThat(corrected.application()).isNotEqualTo(order.application());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aChangeOfAStaleVersionStoresNothing(Kind kind) {
    Setup s = setup(kind);
    Order order = newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0);
    s.orders().insert(order);
    Order first = order.moveTo(VERIFIED, T0.plusSeconds(1), null);
    Order second = order.cancel(T0.plusSeconds(2), HistoryNote.text("in another tab"));
    s.orders().update(first, order.version());

    assertThatThrownBy(() -> s.orders().update(second, order.version()))
        .isInstanceOf(ConcurrentOrderChangeException.class)
        .hasMessage("order " + order.id() + " is no longer at version 0");
    assertThat(s.orders().find(order.id()).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(first);
    assertThat(s.rows("order_status_change")).isEqualTo(2);
    assertThat(s.rows("open_order")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSecondUnfinishedOrderIsRefusedByTheSchemaAndLeavesNothing(Kind kind) {
    Setup s = setup(kind);
    Order open = newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0);
    s.orders().insert(open);
    Order second = newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.bankCard(CREDIT_CODE), T0);

    assertThatThrownBy(() -> s.orders().insert(second))
        .isInstanceOfSatisfying(
            UnfinishedOrderExistsException.class,
            e -> {
              assertThat(e.openOrderId()).isEqualTo(open.id());
              assertThat(e.businessType()).isEqualTo(NEW_UNIT_CERTIFICATE);
            })
        .hasMessageNotContaining(CREDIT_CODE)
        .hasNoCause();
    assertThat(s.rows("orders")).isEqualTo(1);
    assertThat(s.rows("order_status_change")).isEqualTo(1);
    assertThat(s.orders().find(second.id())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void finishingOrCancellingFreesTheIdNumberForTheType(Kind kind) {
    Setup s = setup(kind);
    Order issued =
        walk(
            s,
            insert(s, newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0)),
            VERIFIED,
            CONFIRMED,
            AUTHORIZATION_CODE_ENTERED,
            MATERIALS_UPLOADED,
            APPLICATION_SIGNED,
            PAID,
            WAITING_FOR_REVIEW,
            APPROVED);
    assertThat(s.rows("open_order")).isEqualTo(1);
    walk(s, issued, ISSUED);
    assertThat(s.rows("open_order")).isZero();

    Order second =
        insert(s, newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0));
    Order cancelled = second.cancel(T0.plusSeconds(5), null);
    s.orders().update(cancelled, second.version());
    assertThat(s.rows("open_order")).isZero();

    Order third =
        insert(s, newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0));
    assertThat(s.orders().list(CREDIT_CODE, NEW_UNIT_CERTIFICATE).unfinished())
        .extracting(Order::id)
        .containsExactly(third.id());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listsSplitUnfinishedFromFinishedNewestFirst(Kind kind) {
    Setup s = setup(kind);
    Order cancelled =
        insert(s, newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.transfer(CREDIT_CODE), T0));
    cancelled = walk(s, cancelled, OrderStatus.CANCELLED);
    Order issued =
        insert(
            s,
            newOrder(
                NEW_UNIT_CERTIFICATE,
                OrderApplications.transfer(CREDIT_CODE),
                T0.plusSeconds(3600)));
    issued =
        walk(
            s,
            issued,
            VERIFIED,
            CONFIRMED,
            AUTHORIZATION_CODE_ENTERED,
            MATERIALS_UPLOADED,
            APPLICATION_SIGNED,
            WAITING_FOR_REVIEW,
            APPROVED,
            ISSUED);
    Order open =
        insert(
            s,
            newOrder(
                NEW_UNIT_CERTIFICATE,
                OrderApplications.transfer(CREDIT_CODE),
                T0.plusSeconds(7200)));
    Order renewal =
        insert(s, newOrder(RENEWAL, OrderApplications.transfer(CREDIT_CODE), T0.plusSeconds(9000)));
    insert(s, newOrder(NEW_UNIT_CERTIFICATE, OrderApplications.bankCard(OTHER_CREDIT_CODE), T0));

    OrderList newOrders = s.orders().list(CREDIT_CODE, NEW_UNIT_CERTIFICATE);
    OrderList all = s.orders().list(CREDIT_CODE);

    assertThat(newOrders.unfinished()).extracting(Order::id).containsExactly(open.id());
    assertThat(newOrders.finished())
        .extracting(Order::id)
        .containsExactly(issued.id(), cancelled.id());
    assertThat(newOrders.finished().get(0)).usingRecursiveComparison().isEqualTo(issued);
    assertThat(newOrders.finished().get(0).history()).hasSize(9);
    assertThat(all.unfinished()).extracting(Order::id).containsExactly(renewal.id(), open.id());
    assertThat(all.finished()).extracting(Order::id).containsExactly(issued.id(), cancelled.id());
    assertThat(s.orders().list("91000000000000000X").unfinished()).isEmpty();
  }
}
