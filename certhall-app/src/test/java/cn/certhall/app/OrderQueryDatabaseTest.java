package cn.certhall.app;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.app.OrderApplications.OTHER_CREDIT_CODE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcCodeStore;
import cn.certhall.app.persistence.JdbcLimitCounters;
import cn.certhall.domain.limit.RateLimiter;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.orderquery.OrderQuery;
import cn.certhall.domain.orderquery.OrderQueryAccess;
import cn.certhall.domain.orderquery.ProofResult;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.SmsCaps;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order query on the JDBC order repository and code store, on H2 and PostgreSQL: the SMS check
 * of one ID number opens none of another's orders, and 取消订单 deletes the open_order row that held
 * the ID number.
 */
class OrderQueryDatabaseTest {
  private static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

  record Setup(JdbcClient jdbc, OrderService orders, OrderQuery query, List<String> texts) {
    /** Passes the SMS check for the credit code with the code its handler got. */
    OrderQueryAccess prove(String creditCode) {
      assertThat(query.requestCode(creditCode).status())
          .isEqualTo(CodeRequestResult.Status.REQUESTED);
      Matcher code = CODE.matcher(texts.get(texts.size() - 1));
      assertThat(code.find()).isTrue();
      ProofResult proof = query.prove(OrderQueryAccess.none(), creditCode, code.group(1));
      assertThat(proof.isProven()).isTrue();
      return proof.access();
    }

    long openOrders(String idNumber) {
      return jdbc.sql("SELECT COUNT(*) FROM open_order WHERE id_number = ?")
          .param(idNumber)
          .query(Long.class)
          .single();
    }
  }

  static Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    PlatformTransactionManager transactions = new DataSourceTransactionManager(ds);
    Clock clock = new OrderServiceTest.TickingClock();
    OrderConfiguration configuration = new OrderConfiguration();
    OrderService orders =
        configuration.orderService(
            configuration.orderRepository(jdbc, transactions),
            transactions,
            clock,
            new JdbcAuditLog(jdbc, new TransactionTemplate(transactions), Clock.systemUTC()));
    AuthorizationCodes codes =
        new AuthorizationCodes(
            new JdbcCodeStore(jdbc),
            "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
            CodePolicy.SMS_DEFAULT,
            CodePolicy.TRANSFER_REMARK_DEFAULT,
            clock,
            new SecureRandom());
    List<String> texts = new ArrayList<>();
    SmsSender phone =
        (mobile, message) -> {
          texts.add(message.text());
          return SmsSender.Result.SENT;
        };
    OrderQuery query =
        new OrderQueryConfiguration()
            .orderQuery(
                orders,
                new SmsCodes(
                    codes,
                    phone,
                    new SmsCaps(
                        new RateLimiter(new JdbcLimitCounters(jdbc), clock),
                        1000,
                        1000,
                        1000,
                        Optional::empty)),
                Duration.ofMinutes(30),
                clock);
    return new Setup(jdbc, orders, query, texts);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_check_of_one_id_number_opens_no_order_of_another(Kind kind) {
    Setup s = setup(kind);
    Order mine =
        OrderApplications.startVerified(s.orders(), OrderApplications.transfer(CREDIT_CODE));
    Order theirs =
        s.orders()
            .start(NEW_UNIT_CERTIFICATE, "demo", OrderApplications.bankCard(OTHER_CREDIT_CODE));

    OrderQueryAccess access = s.prove(CREDIT_CODE);

    assertThat(s.query().open(access, mine.id())).isPresent();
    assertThat(s.query().open(access, theirs.id())).isEmpty();
    assertThat(s.query().cancel(access, theirs.id())).isEmpty();
    assertThat(s.query().list(access, OTHER_CREDIT_CODE)).isEmpty();
    assertThat(s.orders().find(theirs.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.APPLICATION_FILLED);
    assertThat(s.openOrders(OTHER_CREDIT_CODE)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void cancel_deletes_the_row_that_held_the_id_number(Kind kind) {
    Setup s = setup(kind);
    Order mine =
        OrderApplications.startVerified(s.orders(), OrderApplications.transfer(CREDIT_CODE));
    assertThatThrownBy(
            () ->
                s.orders()
                    .start(NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(CREDIT_CODE)))
        .isInstanceOf(UnfinishedOrderExistsException.class);
    OrderQueryAccess access = s.prove(CREDIT_CODE);

    Order cancelled = s.query().cancel(access, mine.id()).orElseThrow();

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(s.openOrders(CREDIT_CODE)).isZero();
    assertThat(s.orders().find(mine.id()).orElseThrow().history())
        .last()
        .satisfies(line -> assertThat(line.note()).isEqualTo(OrderQuery.CANCEL_NOTE));
    Order next =
        s.orders().start(NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(CREDIT_CODE));
    assertThat(s.query().list(access, CREDIT_CODE).orElseThrow().unfinished())
        .extracting(Order::id)
        .containsExactly(next.id());
  }
}
