package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * V60 on a database of the old rule (orders stored before their verifications), on H2 and
 * PostgreSQL: an order that never passed is cancelled with a history line and frees its slot; one
 * that passed and went back to the form, and a renewal, are left alone.
 */
class UnverifiedOrdersMigrationTest {
  static final Instant T0 = Instant.parse("2026-11-01T02:30:00.123Z");

  static Flyway flyway(DataSource ds, String target) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unverified_applications_are_cancelled_and_free_their_slot(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).dataSource();
    // V50 is the last migration before V60
    flyway(ds, "50").migrate();
    JdbcClient jdbc = JdbcClient.create(ds);
    // today's repository writes the history note columns of V131 (which adds them if missing)
    jdbc.sql("ALTER TABLE order_status_change ADD COLUMN note_key VARCHAR(100)").update();
    jdbc.sql("ALTER TABLE order_status_change ADD COLUMN note_args VARCHAR(1000)").update();
    JdbcOrderRepository orders =
        new JdbcOrderRepository(jdbc, new DataSourceTransactionManager(ds));

    Order unverified =
        Order.start(
            "CH20261101MIGRATE00001",
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            T0);
    orders.insert(unverified);
    Order backToForm =
        Order.start(
            "CH20261101MIGRATE00002",
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            OrderApplications.transfer(OrderApplications.OTHER_CREDIT_CODE),
            T0);
    orders.insert(backToForm);
    Order verified = backToForm.moveTo(OrderStatus.VERIFIED, T0.plusSeconds(1), null);
    orders.update(verified, backToForm.version());
    Order edited = verified.moveTo(OrderStatus.APPLICATION_FILLED, T0.plusSeconds(2), null);
    orders.update(edited, verified.version());
    Order renewal =
        Order.start(
            "CH20261101MIGRATE00003",
            BusinessType.RENEWAL,
            "demo",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            T0);
    orders.insert(renewal);

    flyway(ds, "latest").migrate();

    Order cancelled = orders.find(unverified.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.history())
        .hasSize(2)
        .last()
        .satisfies(
            line -> {
              assertThat(line.from()).isEqualTo(OrderStatus.APPLICATION_FILLED);
              // written by V60 before notes had keys: read back as its text
              assertThat(line.note().key()).isEqualTo(HistoryNote.TEXT);
              assertThat(line.note().args().get(0)).contains("未通过企业认证与管理员核验", "已自动取消");
            });
    assertThat(orders.find(edited.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_FILLED);
    assertThat(orders.find(renewal.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_FILLED);
    assertThat(
            jdbc.sql("SELECT order_id FROM open_order ORDER BY order_id")
                .query(String.class)
                .list())
        .containsExactly(edited.id(), renewal.id());
    // the organization may start a new application again
    orders.insert(
        Order.start(
            "CH20261101MIGRATE00004",
            BusinessType.NEW_UNIT_CERTIFICATE,
            "demo",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            T0.plusSeconds(60)));
  }
}
