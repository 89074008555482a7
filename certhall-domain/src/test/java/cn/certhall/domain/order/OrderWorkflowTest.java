package cn.certhall.domain.order;

import static cn.certhall.domain.order.BusinessType.INFORMATION_CHANGE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static cn.certhall.domain.order.BusinessType.RENEWAL;
import static cn.certhall.domain.order.BusinessType.REVOCATION;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_SIGNED;
import static cn.certhall.domain.order.OrderStatus.APPROVED;
import static cn.certhall.domain.order.OrderStatus.AUTHORIZATION_CODE_ENTERED;
import static cn.certhall.domain.order.OrderStatus.CANCELLED;
import static cn.certhall.domain.order.OrderStatus.CONFIRMED;
import static cn.certhall.domain.order.OrderStatus.ISSUED;
import static cn.certhall.domain.order.OrderStatus.MATERIALS_UPLOADED;
import static cn.certhall.domain.order.OrderStatus.PAID;
import static cn.certhall.domain.order.OrderStatus.REJECTED;
import static cn.certhall.domain.order.OrderStatus.REVOKED;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static cn.certhall.domain.order.OrderStatus.WAITING_FOR_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderWorkflowTest {

  static final Instant CREATED = Instant.parse("2027-06-15T02:30:00Z");
  static final Instant LATER = CREATED.plusSeconds(600);

  /**
   * An order of {@code type} that has reached {@code status} (its history jumps straight there).
   */
  static Order orderIn(BusinessType type, OrderStatus status) {
    Order order =
        Order.start("CH20270615TESTTESTTEST", type, "channel-1", Applications.sample(), CREATED);
    if (status == order.status()) {
      return order;
    }
    List<StatusChange> history =
        List.of(
            order.history().get(0),
            new StatusChange(CREATED.plusSeconds(1), order.status(), status, null));
    return Order.restore(
        order.id(),
        type,
        order.channelId(),
        order.applicant(),
        order.application(),
        status,
        1,
        CREATED,
        CREATED.plusSeconds(1),
        history);
  }

  static Stream<Arguments> everyAllowedMove() {
    return Arrays.stream(BusinessType.values())
        .flatMap(
            type -> {
              OrderWorkflow workflow = OrderWorkflow.of(type);
              return workflow.states().stream()
                  .flatMap(
                      from ->
                          workflow.allowedFrom(from).stream()
                              .map(to -> Arguments.of(type, from, to)));
            });
  }

  static Stream<Arguments> everyUnfinishedState() {
    return Arrays.stream(BusinessType.values())
        .flatMap(
            type ->
                OrderWorkflow.of(type).states().stream()
                    .filter(state -> !OrderWorkflow.of(type).isFinished(state))
                    .map(state -> Arguments.of(type, state)));
  }

  static Stream<Arguments> everyFinishedStateAndTarget() {
    return Arrays.stream(BusinessType.values())
        .flatMap(
            type ->
                OrderWorkflow.of(type).finished().stream()
                    .flatMap(
                        state ->
                            Arrays.stream(OrderStatus.values())
                                .map(to -> Arguments.of(type, state, to))));
  }

  static Set<OrderStatus> statuses(String names) {
    return Arrays.stream(names.trim().split("\\s+"))
        .map(OrderStatus::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderStatus.class)));
  }

  @Nested
  class NewUnitCertificateTable {

    /** SPEC 3.1 and the manual, written out independently of the table in the code. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "APPLICATION_FILLED,         VERIFIED CANCELLED",
      "VERIFIED,                   CONFIRMED APPLICATION_FILLED CANCELLED",
      "CONFIRMED,                  AUTHORIZATION_CODE_ENTERED APPLICATION_FILLED CANCELLED",
      "AUTHORIZATION_CODE_ENTERED, MATERIALS_UPLOADED APPLICATION_FILLED CANCELLED",
      "MATERIALS_UPLOADED,         APPLICATION_SIGNED CANCELLED",
      "APPLICATION_SIGNED,         PAID WAITING_FOR_REVIEW CANCELLED",
      "PAID,                       WAITING_FOR_REVIEW CANCELLED",
      "WAITING_FOR_REVIEW,         APPROVED REJECTED CANCELLED",
      "REJECTED,                   APPLICATION_SIGNED VERIFIED APPLICATION_FILLED CANCELLED",
      "APPROVED,                   ISSUED CANCELLED",
    })
    void allows_exactly_the_moves_of_the_manual(OrderStatus from, String allowed) {
      assertThat(OrderWorkflow.of(NEW_UNIT_CERTIFICATE).allowedFrom(from))
          .isEqualTo(statuses(allowed));
    }

    @Test
    void has_the_steps_of_the_manual_and_ends_in_issued_or_cancelled() {
      OrderWorkflow workflow = OrderWorkflow.of(NEW_UNIT_CERTIFICATE);

      assertThat(workflow.start()).isEqualTo(APPLICATION_FILLED);
      assertThat(workflow.states())
          .isEqualTo(
              statuses(
                  "APPLICATION_FILLED VERIFIED CONFIRMED AUTHORIZATION_CODE_ENTERED MATERIALS_UPLOADED"
                      + " APPLICATION_SIGNED PAID WAITING_FOR_REVIEW REJECTED APPROVED ISSUED CANCELLED"));
      assertThat(workflow.finished()).containsExactlyInAnyOrder(ISSUED, CANCELLED);
    }

    @Test
    void walks_from_the_form_to_issuance() {
      Order order =
          walk(
              orderIn(NEW_UNIT_CERTIFICATE, APPLICATION_FILLED),
              VERIFIED,
              CONFIRMED,
              AUTHORIZATION_CODE_ENTERED,
              MATERIALS_UPLOADED,
              APPLICATION_SIGNED,
              PAID,
              WAITING_FOR_REVIEW,
              APPROVED,
              ISSUED);

      assertThat(order.isFinished()).isTrue();
    }

    @Test
    void going_back_to_the_form_walks_the_verification_again() {
      Order back =
          walk(
              orderIn(NEW_UNIT_CERTIFICATE, APPLICATION_FILLED),
              VERIFIED,
              CONFIRMED,
              AUTHORIZATION_CODE_ENTERED,
              APPLICATION_FILLED);

      assertThatThrownBy(() -> back.moveTo(CONFIRMED, LATER, null))
          .isInstanceOf(MoveNotAllowedException.class);
      assertThat(back.moveTo(VERIFIED, LATER, null).status()).isEqualTo(VERIFIED);
    }

    @Test
    void a_rejected_order_is_signed_again_and_resubmitted_without_paying_twice() {
      Order rejected =
          walk(
              orderIn(NEW_UNIT_CERTIFICATE, APPLICATION_FILLED),
              VERIFIED,
              CONFIRMED,
              AUTHORIZATION_CODE_ENTERED,
              MATERIALS_UPLOADED,
              APPLICATION_SIGNED,
              PAID,
              WAITING_FOR_REVIEW,
              REJECTED);

      Order resubmitted = walk(rejected, APPLICATION_SIGNED, WAITING_FOR_REVIEW, APPROVED);

      assertThat(resubmitted.history())
          .extracting(StatusChange::to)
          .containsSubsequence(REJECTED, APPLICATION_SIGNED, WAITING_FOR_REVIEW, APPROVED)
          .containsOnlyOnce(PAID);
      assertThatThrownBy(() -> rejected.moveTo(WAITING_FOR_REVIEW, LATER, null))
          .isInstanceOf(MoveNotAllowedException.class);
    }

    private Order walk(Order order, OrderStatus... steps) {
      for (OrderStatus step : steps) {
        order = order.moveTo(step, LATER, null);
      }
      return order;
    }
  }

  @Nested
  class EveryTable {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("cn.certhall.domain.order.OrderWorkflowTest#everyAllowedMove")
    void every_allowed_move_is_made_and_recorded(
        BusinessType type, OrderStatus from, OrderStatus to) {
      Order before = orderIn(type, from);

      Order after = before.moveTo(to, LATER, HistoryNote.text("note " + to));

      assertThat(after.status()).isEqualTo(to);
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(after.updatedAt()).isEqualTo(LATER);
      assertThat(after.createdAt()).isEqualTo(CREATED);
      assertThat(after.history())
          .hasSize(before.history().size() + 1)
          .last()
          .isEqualTo(new StatusChange(LATER, from, to, HistoryNote.text("note " + to)));
      assertThat(before.status()).isEqualTo(from);
    }

    @ParameterizedTest(name = "{0}: {1} → CANCELLED")
    @MethodSource("cn.certhall.domain.order.OrderWorkflowTest#everyUnfinishedState")
    void every_unfinished_state_can_be_cancelled(BusinessType type, OrderStatus from) {
      Order cancelled = orderIn(type, from).cancel(LATER, HistoryNote.text("不再需要"));

      assertThat(cancelled.status()).isEqualTo(CANCELLED);
      assertThat(cancelled.isFinished()).isTrue();
      assertThat(cancelled.history())
          .last()
          .extracting(StatusChange::from, StatusChange::note)
          .containsExactly(from, HistoryNote.text("不再需要"));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("cn.certhall.domain.order.OrderWorkflowTest#everyFinishedStateAndTarget")
    void a_finished_state_accepts_no_move(BusinessType type, OrderStatus finished, OrderStatus to) {
      assertThat(OrderWorkflow.of(type).allowedFrom(finished)).isEmpty();
      assertThatThrownBy(() -> orderIn(type, finished).moveTo(to, LATER, null))
          .isInstanceOf(MoveNotAllowedException.class)
          .hasMessageContaining(finished + " is final");
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource({
      "NEW_UNIT_CERTIFICATE, APPLICATION_FILLED,         CONFIRMED",
      "NEW_UNIT_CERTIFICATE, APPLICATION_FILLED,         APPLICATION_FILLED",
      "NEW_UNIT_CERTIFICATE, VERIFIED,                   AUTHORIZATION_CODE_ENTERED",
      "NEW_UNIT_CERTIFICATE, CONFIRMED,                  MATERIALS_UPLOADED",
      "NEW_UNIT_CERTIFICATE, MATERIALS_UPLOADED,         WAITING_FOR_REVIEW",
      "NEW_UNIT_CERTIFICATE, MATERIALS_UPLOADED,         APPLICATION_FILLED",
      "NEW_UNIT_CERTIFICATE, APPLICATION_SIGNED,         APPROVED",
      "NEW_UNIT_CERTIFICATE, WAITING_FOR_REVIEW,         ISSUED",
      "NEW_UNIT_CERTIFICATE, WAITING_FOR_REVIEW,         APPLICATION_FILLED",
      "NEW_UNIT_CERTIFICATE, REJECTED,                   APPROVED",
      "NEW_UNIT_CERTIFICATE, APPROVED,                   REJECTED",
      "NEW_UNIT_CERTIFICATE, APPROVED,                   REVOKED",
      "NEW_UNIT_CERTIFICATE, APPLICATION_SIGNED,         CERTIFICATE_VERIFIED",
      "RENEWAL,              APPLICATION_FILLED,         AUTHORIZATION_CODE_ENTERED",
      "RENEWAL,              CONFIRMED,                  MATERIALS_UPLOADED",
      "RENEWAL,              REJECTED,                   WAITING_FOR_REVIEW",
      "INFORMATION_CHANGE,   WAITING_FOR_REVIEW,         ISSUED",
      "REVOCATION,           VERIFIED,                   CONFIRMED",
      "REVOCATION,           APPLICATION_SIGNED,         PAID",
      "REVOCATION,           APPROVED,                   ISSUED",
    })
    void a_move_outside_the_table_is_refused(BusinessType type, OrderStatus from, OrderStatus to) {
      Order order = orderIn(type, from);

      assertThatThrownBy(() -> order.moveTo(to, LATER, null))
          .isInstanceOfSatisfying(
              MoveNotAllowedException.class,
              e -> {
                assertThat(e.businessType()).isEqualTo(type);
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessageContaining(type + " order cannot move from " + from + " to " + to)
          .hasMessageContaining(
              "allowed from " + from + ": " + OrderWorkflow.of(type).allowedFrom(from));
      assertThat(OrderWorkflow.of(type).allows(from, to)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BusinessType.class)
    void every_unfinished_state_leads_to_a_real_end_not_only_to_cancellation(BusinessType type) {
      OrderWorkflow workflow = OrderWorkflow.of(type);
      for (OrderStatus state : workflow.states()) {
        if (workflow.isFinished(state)) {
          continue;
        }
        Set<OrderStatus> reachable = reachable(workflow, state);
        reachable.retainAll(workflow.finished());
        reachable.remove(CANCELLED);
        assertThat(reachable).as("%s: ends reachable from %s", type, state).isNotEmpty();
      }
    }

    @Test
    void the_tables_end_where_the_spec_says() {
      assertThat(OrderWorkflow.of(RENEWAL).finished()).containsExactlyInAnyOrder(ISSUED, CANCELLED);
      assertThat(OrderWorkflow.of(INFORMATION_CHANGE).finished())
          .containsExactlyInAnyOrder(ISSUED, CANCELLED);
      assertThat(OrderWorkflow.of(REVOCATION).finished())
          .containsExactlyInAnyOrder(REVOKED, CANCELLED);
      assertThat(OrderWorkflow.of(REVOCATION).allowedFrom(APPROVED))
          .containsExactlyInAnyOrder(REVOKED, CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(BusinessType.class)
    void the_application_is_editable_on_the_form_and_after_a_rejection_only(BusinessType type) {
      OrderWorkflow workflow = OrderWorkflow.of(type);

      assertThat(workflow.states().stream().filter(workflow::isEditable))
          .containsExactlyInAnyOrder(APPLICATION_FILLED, REJECTED);
    }

    private Set<OrderStatus> reachable(OrderWorkflow workflow, OrderStatus from) {
      Set<OrderStatus> seen = EnumSet.of(from);
      Deque<OrderStatus> todo = new ArrayDeque<>(seen);
      while (!todo.isEmpty()) {
        for (OrderStatus next : workflow.allowedFrom(todo.pop())) {
          if (seen.add(next)) {
            todo.push(next);
          }
        }
      }
      return seen;
    }
  }

  @Nested
  class ForeignStates {

    @Test
    void a_state_of_another_business_type_is_refused() {
      OrderWorkflow workflow = OrderWorkflow.of(NEW_UNIT_CERTIFICATE);

      assertThatThrownBy(() -> workflow.check(APPLICATION_SIGNED, REVOKED))
          .isInstanceOf(MoveNotAllowedException.class);
      assertThatThrownBy(() -> workflow.isFinished(REVOKED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("REVOKED is not a state of NEW_UNIT_CERTIFICATE orders");
      assertThatThrownBy(() -> orderIn(NEW_UNIT_CERTIFICATE, REVOKED))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class TablesThatCouldStrandAnOrderAreRefused {

    @Test
    void a_state_that_cannot_be_reached() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, ISSUED)
                      .allow(PAID, ISSUED)
                      .finishedIn(ISSUED, CANCELLED)
                      .build())
          .hasMessageContaining("unreachable from APPLICATION_FILLED: [PAID]");
    }

    @Test
    void a_move_to_a_state_without_a_row() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, PAID)
                      .finishedIn(ISSUED, CANCELLED)
                      .build())
          .hasMessageContaining("APPLICATION_FILLED → PAID leads to a state without a row");
    }

    @Test
    void a_finished_state_with_moves() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, ISSUED)
                      .allow(ISSUED, APPLICATION_FILLED)
                      .finishedIn(ISSUED, CANCELLED)
                      .build())
          .hasMessageContaining("finished state ISSUED has moves");
    }

    @Test
    void no_cancellation() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, ISSUED)
                      .finishedIn(ISSUED)
                      .build())
          .hasMessageContaining("CANCELLED must be finished");
    }

    @Test
    void a_move_to_itself_or_a_second_row() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, APPLICATION_FILLED))
          .hasMessageContaining("APPLICATION_FILLED moves to itself");
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, ISSUED)
                      .allow(APPLICATION_FILLED, PAID))
          .hasMessageContaining("two rows for APPLICATION_FILLED");
    }

    @Test
    void a_start_without_a_row() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(PAID, ISSUED)
                      .finishedIn(ISSUED, CANCELLED)
                      .build())
          .hasMessageContaining("the start APPLICATION_FILLED has no row");
    }

    @Test
    void no_proving_state() {
      assertThatThrownBy(
              () ->
                  OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
                      .allow(APPLICATION_FILLED, ISSUED)
                      .finishedIn(ISSUED, CANCELLED)
                      .build())
          .hasMessageContaining("the proving state must be an unfinished state");
    }

    @Test
    void a_sound_table_is_accepted() {
      OrderWorkflow workflow =
          OrderWorkflow.startingAt(RENEWAL, APPLICATION_FILLED)
              .provenIn(APPLICATION_FILLED)
              .allow(APPLICATION_FILLED, ISSUED)
              .finishedIn(ISSUED, CANCELLED)
              .editableIn(APPLICATION_FILLED)
              .build();

      assertThat(workflow.allowedFrom(APPLICATION_FILLED))
          .containsExactlyInAnyOrder(ISSUED, CANCELLED);
    }
  }
}
