package cn.certhall.domain.orderquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.identity.Field;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.ValidationError;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderQueryTest {
  static final String CODE = "91350100M000100Y43";
  static final String OTHER_CODE = "91110000100000000X";

  /** A valid credit code without any order. */
  static final String NO_ORDERS = "91440300MA5DC6QX9C";

  static final String OLD_HANDLER = "13800138001";
  static final String NEW_HANDLER = "13800138009";
  static final String OTHER_HANDLER = "13600136004";
  static final Duration ACCESS = Duration.ofMinutes(30);

  final MutableClock clock = new MutableClock(Fakes.NOW);
  final Fakes.Orders repository = new Fakes.Orders();
  final Fakes.Codes codeStore = new Fakes.Codes();
  final Fakes.Phone phone = new Fakes.Phone();
  final OrderService orders =
      new OrderService(
          repository,
          Fakes.DIRECT,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {}); // the audit log is not this test's business
  final AuthorizationCodes codes =
      new AuthorizationCodes(
          codeStore,
          "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
          CodePolicy.SMS_DEFAULT,
          CodePolicy.TRANSFER_REMARK_DEFAULT,
          clock,
          new Fakes.NeverZeroRandom());
  final OrderQuery query =
      new OrderQuery(
          orders,
          new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock)),
          ACCESS,
          clock);

  /** An order whose applicant passed verification and then went back to the form (返回修改). */
  Order start(BusinessType type, String creditCode, String handlerMobile) {
    Order order = startUnverified(type, creditCode, handlerMobile);
    List<OrderStatus> toProof =
        type == BusinessType.NEW_UNIT_CERTIFICATE
            ? List.of(
                OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.AUTHORIZATION_CODE_ENTERED)
            : List.of(OrderStatus.VERIFIED);
    for (OrderStatus to : toProof) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    return orders.move(order.id(), OrderStatus.APPLICATION_FILLED, HistoryNote.text("test set-up"));
  }

  /** An order as filed before issue 14: stored before its applicant passed any verification. */
  Order startUnverified(BusinessType type, String creditCode, String handlerMobile) {
    Order order = orders.start(type, "demo", Fakes.application(creditCode, handlerMobile));
    clock.advance(Duration.ofSeconds(1));
    return order;
  }

  /** Requests a code for the number, enters what the handler got, returns the widened access. */
  OrderQueryAccess prove(OrderQueryAccess access, String idNumber, String handlerMobile) {
    assertThat(query.requestCode(idNumber).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);
    ProofResult proof = query.prove(access, idNumber, phone.lastCodeTo(handlerMobile));
    assertThat(proof.isProven()).isTrue();
    return proof.access();
  }

  @Nested
  class TheCode {

    @Test
    void goes_to_the_handler_of_the_newest_order_of_the_id_number() {
      Order old = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      orders.cancel(old.id(), HistoryNote.text("test set-up"));
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, NEW_HANDLER);
      start(BusinessType.NEW_UNIT_CERTIFICATE, OTHER_CODE, OTHER_HANDLER);

      CodeRequestResult result = query.requestCode(CODE);

      assertThat(result).isEqualTo(new CodeRequestResult(CodeRequestResult.Status.REQUESTED, 0));
      assertThat(phone.sent)
          .singleElement()
          .satisfies(
              sms -> {
                assertThat(sms.mobile()).isEqualTo(NEW_HANDLER);
                assertThat(sms.text()).startsWith("您正在查询证书订单，验证码为").contains("10分钟内有效");
              });
    }

    @Test
    void never_goes_to_the_handler_of_a_newer_order_that_did_not_pass_verification() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      Order taken = startUnverified(BusinessType.RENEWAL, CODE, NEW_HANDLER);
      orders.move(taken.id(), OrderStatus.CANCELLED, HistoryNote.text("test set-up"));
      startUnverified(BusinessType.REVOCATION, CODE, NEW_HANDLER);

      query.requestCode(CODE);

      assertThat(phone.sent)
          .singleElement()
          .satisfies(sms -> assertThat(sms.mobile()).isEqualTo(OLD_HANDLER));
    }

    @Test
    void is_delivered_to_nobody_when_no_order_passed_verification() {
      startUnverified(BusinessType.NEW_UNIT_CERTIFICATE, CODE, NEW_HANDLER);

      assertThat(query.requestCode(CODE).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);

      assertThat(phone.sent).isEmpty();
    }

    @Test
    void is_keyed_by_the_id_number_in_its_normal_form() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);

      query.requestCode(" " + CODE.toLowerCase() + " ");

      assertThat(
              query.prove(OrderQueryAccess.none(), CODE, phone.lastCodeTo(OLD_HANDLER)).isProven())
          .isTrue();
    }

    @Test
    void waits_out_the_resend_cooldown_of_60_seconds() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      query.requestCode(CODE);
      clock.advance(Duration.ofSeconds(59));

      assertThat(query.requestCode(CODE))
          .isEqualTo(new CodeRequestResult(CodeRequestResult.Status.COOLDOWN, 1));
      assertThat(query.secondsUntilNextCode(CODE)).isEqualTo(1);
      clock.advance(Duration.ofSeconds(1));
      assertThat(query.requestCode(CODE).status()).isEqualTo(CodeRequestResult.Status.REQUESTED);
      assertThat(phone.sent).hasSize(2);
    }

    @Test
    void expires_after_its_lifetime() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      query.requestCode(CODE);
      clock.advance(Duration.ofMinutes(10).plusMillis(1));

      ProofResult proof = query.prove(OrderQueryAccess.none(), CODE, phone.lastCodeTo(OLD_HANDLER));

      assertThat(proof.check().status()).isEqualTo(CodeCheck.Status.EXPIRED);
      assertThat(proof.access()).isEqualTo(OrderQueryAccess.none());
    }

    @Test
    void locks_after_5_wrong_tries_and_then_refuses_the_right_code() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      query.requestCode(CODE);
      String right = phone.lastCodeTo(OLD_HANDLER);
      String wrong = "000000";

      List<CodeCheck> checks = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        checks.add(query.prove(OrderQueryAccess.none(), CODE, wrong).check());
      }

      assertThat(checks).extracting(CodeCheck::triesLeft).containsExactly(4, 3, 2, 1, 0);
      assertThat(checks.get(4).status()).isEqualTo(CodeCheck.Status.LOCKED);
      ProofResult late = query.prove(OrderQueryAccess.none(), CODE, right);
      assertThat(late.check().status()).isEqualTo(CodeCheck.Status.LOCKED);
      assertThat(late.isProven()).isFalse();
    }

    @Test
    void passes_once() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      query.requestCode(CODE);
      String right = phone.lastCodeTo(OLD_HANDLER);
      query.prove(OrderQueryAccess.none(), CODE, right);

      assertThat(query.prove(OrderQueryAccess.none(), CODE, right).check().status())
          .isEqualTo(CodeCheck.Status.NONE);
    }

    @Test
    void a_failed_gateway_says_so_and_leaves_no_code() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      phone.answer = SmsSender.Result.UNAVAILABLE;

      assertThat(query.requestCode(CODE).status())
          .isEqualTo(CodeRequestResult.Status.SMS_UNAVAILABLE);
      assertThat(codeStore.codes).isEmpty();
      assertThat(query.secondsUntilNextCode(CODE)).isZero();
    }
  }

  /** A stranger learns nothing from the query form about whether a number has orders. */
  @Nested
  class NoEnumeration {

    /**
     * What a person sees, step by step, asking for codes and guessing them for {@code idNumber}.
     */
    List<Object> answersFor(String idNumber) {
      List<Object> seen = new ArrayList<>();
      seen.add(query.requestCode(idNumber));
      seen.add(query.requestCode(idNumber));
      for (int i = 0; i < 6; i++) {
        seen.add(query.prove(OrderQueryAccess.none(), idNumber, "000000").check().status());
      }
      clock.advance(Duration.ofSeconds(60));
      seen.add(query.requestCode(idNumber));
      seen.add(query.prove(OrderQueryAccess.none(), idNumber, "000000").check().status());
      return seen;
    }

    @Test
    void a_number_without_orders_answers_like_a_number_with_orders() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);

      List<Object> withOrders = answersFor(CODE);
      List<Object> without = answersFor(NO_ORDERS);

      assertThat(phone.sent)
          .hasSize(2)
          .allSatisfy(sms -> assertThat(sms.mobile()).isEqualTo(OLD_HANDLER));
      assertThat(without).isEqualTo(withOrders);
      assertThat(without.get(0))
          .isEqualTo(new CodeRequestResult(CodeRequestResult.Status.REQUESTED, 0));
      assertThat(without.get(1))
          .isEqualTo(new CodeRequestResult(CodeRequestResult.Status.COOLDOWN, 60));
      assertThat(without.subList(2, 8))
          .containsExactly(
              CodeCheck.Status.WRONG,
              CodeCheck.Status.WRONG,
              CodeCheck.Status.WRONG,
              CodeCheck.Status.WRONG,
              CodeCheck.Status.LOCKED,
              CodeCheck.Status.LOCKED);
    }

    @Test
    void a_number_without_orders_never_proves_anything_and_sends_nothing() {
      for (String guess : List.of("000000", "123456", "999999")) {
        clock.advance(Duration.ofMinutes(1));
        query.requestCode(NO_ORDERS);
        assertThat(query.prove(OrderQueryAccess.none(), NO_ORDERS, guess).isProven()).isFalse();
      }
      assertThat(phone.sent).isEmpty();
    }
  }

  /** Every order page and action asks the access again; another's order is "no such order". */
  @Nested
  class Access {

    @Test
    void a_proven_number_lists_its_own_orders_only() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      Order done = start(BusinessType.RENEWAL, CODE, OLD_HANDLER);
      orders.cancel(done.id(), HistoryNote.text("test set-up"));
      start(BusinessType.NEW_UNIT_CERTIFICATE, OTHER_CODE, OTHER_HANDLER);

      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);
      OrderList list = query.list(access, CODE).orElseThrow();

      assertThat(list.unfinished()).extracting(Order::id).containsExactly(mine.id());
      assertThat(list.finished()).extracting(Order::id).containsExactly(done.id());
      assertThat(query.list(access, OTHER_CODE)).isEmpty();
      assertThat(query.list(OrderQueryAccess.none(), CODE)).isEmpty();
    }

    @Test
    void another_numbers_order_cannot_be_opened_or_cancelled_by_its_id() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      Order theirs = start(BusinessType.NEW_UNIT_CERTIFICATE, OTHER_CODE, OTHER_HANDLER);
      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);

      assertThat(query.open(access, mine.id())).isPresent();
      assertThat(query.open(access, theirs.id())).isEmpty();
      assertThat(query.cancel(access, theirs.id())).isEmpty();
      assertThat(repository.orders.get(theirs.id()).status())
          .isEqualTo(OrderStatus.APPLICATION_FILLED);
      assertThat(query.open(access, "CH20270615XXXXXXXXXXXX")).isEmpty();
      assertThat(query.open(access, " ")).isEmpty();
      assertThat(query.open(access, null)).isEmpty();
    }

    @Test
    void a_wrong_code_proves_nothing() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      query.requestCode(CODE);
      String wrong = "000000";

      ProofResult proof = query.prove(OrderQueryAccess.none(), CODE, wrong);

      assertThat(proof.isProven()).isFalse();
      assertThat(query.open(proof.access(), mine.id())).isEmpty();
    }

    @Test
    void the_code_of_one_number_does_not_prove_another() {
      start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      start(BusinessType.NEW_UNIT_CERTIFICATE, OTHER_CODE, OTHER_HANDLER);
      query.requestCode(CODE);

      ProofResult proof =
          query.prove(OrderQueryAccess.none(), OTHER_CODE, phone.lastCodeTo(OLD_HANDLER));

      assertThat(proof.isProven()).isFalse();
    }

    @Test
    void the_proof_lasts_its_lifetime_and_not_a_millisecond_longer() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);

      clock.advance(ACCESS);
      assertThat(query.open(access, mine.id())).isPresent();
      clock.advance(Duration.ofMillis(1));
      assertThat(query.open(access, mine.id())).isEmpty();
      assertThat(query.list(access, CODE)).isEmpty();
      assertThat(query.cancel(access, mine.id())).isEmpty();
    }

    @Test
    void a_session_may_prove_several_numbers() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      Order other = start(BusinessType.NEW_UNIT_CERTIFICATE, OTHER_CODE, OTHER_HANDLER);

      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);
      clock.advance(Duration.ofMinutes(1));
      access = prove(access, OTHER_CODE, OTHER_HANDLER);

      assertThat(query.open(access, mine.id())).isPresent();
      assertThat(query.open(access, other.id())).isPresent();
      assertThat(access.provenIdNumbers(clock.instant())).containsExactly(OTHER_CODE, CODE);
    }
  }

  @Nested
  class Cancel {

    @Test
    void frees_the_id_number_for_a_new_order_of_the_type_with_a_history_line() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      assertThatThrownBy(() -> start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER))
          .isInstanceOf(UnfinishedOrderExistsException.class);
      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);

      Order cancelled = query.cancel(access, mine.id()).orElseThrow();

      assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
      StatusChange last = cancelled.history().get(cancelled.history().size() - 1);
      assertThat(last.from()).isEqualTo(OrderStatus.APPLICATION_FILLED);
      assertThat(last.note()).isEqualTo(OrderQuery.CANCEL_NOTE);
      Order next = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      assertThat(next.status()).isEqualTo(OrderStatus.APPLICATION_FILLED);
      assertThat(query.list(access, CODE).orElseThrow().finished())
          .extracting(Order::id)
          .containsExactly(mine.id());
    }

    @Test
    void refuses_a_finished_order() {
      Order mine = start(BusinessType.NEW_UNIT_CERTIFICATE, CODE, OLD_HANDLER);
      orders.cancel(mine.id(), HistoryNote.text("test set-up"));
      OrderQueryAccess access = prove(OrderQueryAccess.none(), CODE, OLD_HANDLER);

      assertThatThrownBy(() -> query.cancel(access, mine.id()))
          .isInstanceOf(MoveNotAllowedException.class);
    }
  }

  @Nested
  class TheAccessValue {

    @Test
    void survives_serialization_as_a_session_store_would_keep_it() throws Exception {
      OrderQueryAccess access =
          OrderQueryAccess.none().withProven(CODE, Fakes.NOW.plus(ACCESS), Fakes.NOW);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(access);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(in.readObject()).isEqualTo(access);
      }
    }

    @Test
    void compares_numbers_in_their_normal_form_and_hides_them() {
      OrderQueryAccess access =
          OrderQueryAccess.none()
              .withProven("11010519491231002x", Fakes.NOW.plus(ACCESS), Fakes.NOW);

      assertThat(access.hasProven("11010519491231002X", Fakes.NOW)).isTrue();
      assertThat(access.hasProven(null, Fakes.NOW)).isFalse();
      assertThat(access.toString()).doesNotContain("1101").contains("1 ID numbers");
    }

    @Test
    void drops_proofs_that_ran_out_when_it_grows() {
      OrderQueryAccess access =
          OrderQueryAccess.none()
              .withProven(CODE, Fakes.NOW.plus(ACCESS), Fakes.NOW)
              .withProven(
                  OTHER_CODE,
                  Fakes.NOW.plus(ACCESS).plusSeconds(60),
                  Fakes.NOW.plus(ACCESS).plusSeconds(1));

      assertThat(access.provenUntil(CODE)).isNull();
      assertThat(access.provenIdNumbers(Fakes.NOW)).containsExactly(OTHER_CODE);
    }
  }

  @Nested
  class Kinds {

    @Test
    void a_unit_query_takes_a_credit_code_with_its_check_character() {
      assertThat(QueryKind.UNIT.validate(null, " 91350100m000100y43 ", clock).value())
          .isEqualTo(CODE);
      assertThat(QueryKind.UNIT.validate(null, "91350100M000100Y44", clock).failure().error())
          .isEqualTo(ValidationError.BAD_CHECK_CHARACTER);
    }

    @Test
    void a_personal_query_takes_a_personal_document_of_the_chosen_type() {
      assertThat(
              QueryKind.PERSONAL
                  .validate(IdType.RESIDENT_ID_CARD, "11010519491231002x", clock)
                  .value())
          .isEqualTo("11010519491231002X");
      assertThat(
              QueryKind.PERSONAL
                  .validate(IdType.RESIDENT_ID_CARD, "110105194912310021", clock)
                  .isValid())
          .isFalse();
      assertThat(QueryKind.PERSONAL.validate(IdType.PASSPORT, "E12345678", clock).value())
          .isEqualTo("E12345678");
      assertThat(QueryKind.PERSONAL.validate(null, "E12345678", clock).failure().field())
          .isEqualTo(Field.ID_TYPE);
      assertThat(
              QueryKind.PERSONAL
                  .validate(IdType.UNIFIED_SOCIAL_CREDIT_CODE, CODE, clock)
                  .failure()
                  .field())
          .isEqualTo(Field.ID_TYPE);
    }
  }
}
