package cn.certhall.app;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static cn.certhall.domain.order.BusinessType.RENEWAL;
import static cn.certhall.domain.order.BusinessType.REVOCATION;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.CANCELLED;
import static cn.certhall.domain.order.OrderStatus.ISSUED;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderNotEditableException;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order service as {@link OrderConfiguration} wires it (JDBC repository, one transaction per
 * call), on H2 and PostgreSQL: the one-unfinished-order rule, also under concurrent requests.
 */
class OrderServiceTest {
  static final int PARALLEL_STARTS = 8;

  /** 2027-06-15 10:30 in China; every reading is a second later than the one before. */
  static final class TickingClock extends Clock {
    final AtomicLong millis =
        new AtomicLong(Instant.parse("2027-06-15T02:30:00.000Z").toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.getAndAdd(1000));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  record Setup(JdbcClient jdbc, OrderService orders) {
    long rows(String table) {
      return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
  }

  static Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    PlatformTransactionManager transactions = new DataSourceTransactionManager(ds);
    Clock clock = new TickingClock();
    OrderConfiguration configuration = new OrderConfiguration();
    OrderService service =
        configuration.orderService(
            configuration.orderRepository(jdbc, transactions),
            transactions,
            clock,
            new JdbcAuditLog(jdbc, new TransactionTemplate(transactions), Clock.systemUTC()));
    return new Setup(jdbc, service);
  }

  static Order startNew(Setup s) {
    return s.orders()
        .start(NEW_UNIT_CERTIFICATE, "channel-7", OrderApplications.transfer(CREDIT_CODE));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aStartedOrderIsStoredWithAnUnguessableNumber(Kind kind) {
    Setup s = setup(kind);

    Order order = startNew(s);

    assertThat(order.id()).matches("CH20270615[2-9A-HJ-NP-Z]{12}");
    assertThat(order.status()).isEqualTo(APPLICATION_FILLED);
    assertThat(order.createdAt()).isEqualTo(Instant.parse("2027-06-15T02:30:01Z"));
    assertThat(s.orders().find(order.id()).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(order);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSecondStartOfTheSameTypeNamesTheOpenOrderAndStoresNothing(Kind kind) {
    Setup s = setup(kind);
    Order open = startNew(s);

    assertThatThrownBy(
            () ->
                s.orders()
                    .start(
                        NEW_UNIT_CERTIFICATE,
                        "another-channel",
                        OrderApplications.bankCard(CREDIT_CODE.toLowerCase())))
        .isInstanceOfSatisfying(
            UnfinishedOrderExistsException.class,
            e -> assertThat(e.openOrderId()).isEqualTo(open.id()));
    assertThat(s.rows("orders")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anOrderOfAnotherBusinessTypeForTheSameIdNumberIsAllowed(Kind kind) {
    Setup s = setup(kind);
    Order newCertificate = startNew(s);

    Order renewal = s.orders().start(RENEWAL, "channel-7", OrderApplications.transfer(CREDIT_CODE));
    Order revocation =
        s.orders().start(REVOCATION, "channel-7", OrderApplications.transfer(CREDIT_CODE));

    assertThat(s.orders().list(CREDIT_CODE).unfinished())
        .extracting(Order::id)
        .containsExactly(revocation.id(), renewal.id(), newCertificate.id());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void cancellingFreesTheIdNumberForANewOrderOfTheType(Kind kind) {
    Setup s = setup(kind);
    Order first = startNew(s);

    Order cancelled = s.orders().cancel(first.id(), HistoryNote.text("填错了"));
    Order second = startNew(s);

    assertThat(cancelled.status()).isEqualTo(CANCELLED);
    assertThat(cancelled.history())
        .last()
        .isEqualTo(
            new StatusChange(
                Instant.parse("2027-06-15T02:30:02Z"),
                APPLICATION_FILLED,
                CANCELLED,
                HistoryNote.text("填错了")));
    OrderList list = s.orders().list(CREDIT_CODE.toLowerCase(), NEW_UNIT_CERTIFICATE);
    assertThat(list.unfinished()).extracting(Order::id).containsExactly(second.id());
    assertThat(list.finished()).extracting(Order::id).containsExactly(first.id());
    assertThatThrownBy(() -> s.orders().cancel(first.id(), HistoryNote.text("test set-up")))
        .isInstanceOf(MoveNotAllowedException.class)
        .hasMessageContaining("CANCELLED is final");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void parallelStartsForOneIdNumberAndTypeMakeExactlyOneOrder(Kind kind) throws Exception {
    Setup s = setup(kind);

    List<Object> outcomes = race(PARALLEL_STARTS, () -> startNew(s));

    List<Order> started =
        outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast).toList();
    assertThat(started).hasSize(1);
    assertThat(outcomes)
        .filteredOn(UnfinishedOrderExistsException.class::isInstance)
        .hasSize(PARALLEL_STARTS - 1)
        .allSatisfy(
            e ->
                assertThat(((UnfinishedOrderExistsException) e).openOrderId())
                    .isEqualTo(started.get(0).id()));
    assertThat(s.rows("orders")).isEqualTo(1);
    assertThat(s.rows("order_status_change")).isEqualTo(1);
    assertThat(s.rows("open_order")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void parallelMovesOfOneOrderRecordExactlyOne(Kind kind) throws Exception {
    Setup s = setup(kind);
    Order order = startNew(s);

    List<Object> outcomes =
        race(PARALLEL_STARTS, () -> s.orders().cancel(order.id(), HistoryNote.text("test set-up")));

    assertThat(outcomes).filteredOn(Order.class::isInstance).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !(o instanceof Order))
        .hasSize(PARALLEL_STARTS - 1)
        .allSatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfAny(
                        ConcurrentOrderChangeException.class, MoveNotAllowedException.class));
    assertThat(s.orders().find(order.id()).orElseThrow().history())
        .extracting(StatusChange::to)
        .containsExactly(APPLICATION_FILLED, CANCELLED);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRefusedMoveChangesNothing(Kind kind) {
    Setup s = setup(kind);
    Order order = startNew(s);

    assertThatThrownBy(() -> s.orders().move(order.id(), ISSUED, HistoryNote.text("test set-up")))
        .isInstanceOf(MoveNotAllowedException.class);
    assertThatThrownBy(
            () ->
                s.orders().move("CH20270615NOSUCHORDER", VERIFIED, HistoryNote.text("test set-up")))
        .isInstanceOf(OrderNotFoundException.class);
    assertThat(s.orders().find(order.id()).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(order);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theApplicationCanBeChangedOnTheFormOnly(Kind kind) {
    Setup s = setup(kind);
    Order order = startNew(s);

    Order changed =
        s.orders().changeApplication(order.id(), OrderApplications.bankCard(CREDIT_CODE));
    s.orders().move(order.id(), VERIFIED, HistoryNote.text("test set-up"));

    assertThat(s.orders().find(order.id()).orElseThrow().application())
        .isEqualTo(changed.application())
        .isEqualTo(OrderApplications.bankCard(CREDIT_CODE));
    assertThatThrownBy(
            () -> s.orders().changeApplication(order.id(), OrderApplications.transfer(CREDIT_CODE)))
        .isInstanceOf(OrderNotEditableException.class);
  }

  /** Runs {@code task} on {@code n} threads released at once; each outcome, result or exception. */
  static List<Object> race(int n, Supplier<?> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.get();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          outcomes.add(future.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
