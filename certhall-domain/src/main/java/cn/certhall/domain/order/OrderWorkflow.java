package cn.certhall.domain.order;

import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_SIGNED;
import static cn.certhall.domain.order.OrderStatus.APPROVED;
import static cn.certhall.domain.order.OrderStatus.AUTHORIZATION_CODE_ENTERED;
import static cn.certhall.domain.order.OrderStatus.CANCELLED;
import static cn.certhall.domain.order.OrderStatus.CERTIFICATE_VERIFIED;
import static cn.certhall.domain.order.OrderStatus.CONFIRMED;
import static cn.certhall.domain.order.OrderStatus.ISSUED;
import static cn.certhall.domain.order.OrderStatus.MATERIALS_UPLOADED;
import static cn.certhall.domain.order.OrderStatus.PAID;
import static cn.certhall.domain.order.OrderStatus.REJECTED;
import static cn.certhall.domain.order.OrderStatus.REVOKED;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static cn.certhall.domain.order.OrderStatus.WAITING_FOR_REVIEW;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The order state machine (订单流程) of each business type, as tables of allowed moves.
 *
 * <p>Read each table as "from → allowed to". Two rules hold for every table and are not repeated in
 * it: <b>any unfinished state may move to {@code CANCELLED}</b> (取消订单), and a finished state moves
 * nowhere. A move back to {@code APPLICATION_FILLED} is 返回修改; the form is then walked again, so a
 * changed verification is verified again. After a rejection the applicant corrects the order (the
 * application is editable in {@code REJECTED}) and repeats the last act of consent (a new unit
 * certificate whose form changed walks the steps from the verification again, see {@link
 * ApplicationCorrection}); what was paid is not paid again, hence the move to {@code
 * WAITING_FOR_REVIEW} that skips {@code PAID} (also taken when a channel charges no fee).
 *
 * <p>Each table also names the state whose reaching proves that the applicant controls the
 * organization ({@link #provenIn()}): only an order that once reached it decides who may see the
 * organization's orders (docs/decisions.md, "Security (issue 14): who may see an organization").
 */
public final class OrderWorkflow {

  private static final Map<BusinessType, OrderWorkflow> WORKFLOWS =
      new EnumMap<>(BusinessType.class);

  static {
    // 单位证书新办, SPEC 3.1
    // the authorization code went to the legal representative or the corporate account
    define(
        startingAt(BusinessType.NEW_UNIT_CERTIFICATE, APPLICATION_FILLED)
            .provenIn(AUTHORIZATION_CODE_ENTERED)
            .allow(APPLICATION_FILLED, VERIFIED)
            .allow(VERIFIED, CONFIRMED, APPLICATION_FILLED)
            .allow(CONFIRMED, AUTHORIZATION_CODE_ENTERED, APPLICATION_FILLED)
            .allow(AUTHORIZATION_CODE_ENTERED, MATERIALS_UPLOADED, APPLICATION_FILLED)
            .allow(MATERIALS_UPLOADED, APPLICATION_SIGNED)
            .allow(APPLICATION_SIGNED, PAID, WAITING_FOR_REVIEW)
            .allow(PAID, WAITING_FOR_REVIEW)
            .allow(WAITING_FOR_REVIEW, APPROVED, REJECTED)
            // new materials only: sign again; a corrected form (ApplicationCorrection): verified
            // again, straight when the enterprise verification stands, else through the form
            .allow(REJECTED, APPLICATION_SIGNED, VERIFIED, APPLICATION_FILLED)
            .allow(APPROVED, ISSUED)
            .finishedIn(ISSUED, CANCELLED)
            .editableIn(APPLICATION_FILLED, REJECTED));

    // 证书更新 and 信息变更, SPEC 3.2 and 3.3: the same steps; they differ in who is verified
    // (the handler, the administrator) and in what the CA does after approval.
    for (BusinessType type : List.of(BusinessType.RENEWAL, BusinessType.INFORMATION_CHANGE)) {
      // started after the entry check proved the organization; then the handler/administrator
      define(
          startingAt(type, APPLICATION_FILLED)
              .provenIn(VERIFIED)
              .allow(APPLICATION_FILLED, VERIFIED)
              .allow(VERIFIED, CONFIRMED, APPLICATION_FILLED)
              .allow(CONFIRMED, PAID, WAITING_FOR_REVIEW)
              .allow(PAID, WAITING_FOR_REVIEW)
              .allow(WAITING_FOR_REVIEW, APPROVED, REJECTED)
              .allow(REJECTED, CONFIRMED)
              .allow(APPROVED, ISSUED)
              .finishedIn(ISSUED, CANCELLED)
              .editableIn(APPLICATION_FILLED, REJECTED));
    }

    // 证书吊销, SPEC 3.4
    // the entry check, then the enterprise verification's code
    define(
        startingAt(BusinessType.REVOCATION, APPLICATION_FILLED)
            .provenIn(VERIFIED)
            .allow(APPLICATION_FILLED, VERIFIED)
            .allow(VERIFIED, CERTIFICATE_VERIFIED, APPLICATION_FILLED)
            .allow(CERTIFICATE_VERIFIED, MATERIALS_UPLOADED, APPLICATION_FILLED)
            .allow(MATERIALS_UPLOADED, APPLICATION_SIGNED)
            .allow(APPLICATION_SIGNED, WAITING_FOR_REVIEW)
            .allow(WAITING_FOR_REVIEW, APPROVED, REJECTED)
            .allow(REJECTED, APPLICATION_SIGNED)
            .allow(APPROVED, REVOKED)
            .finishedIn(REVOKED, CANCELLED)
            .editableIn(APPLICATION_FILLED, REJECTED));
  }

  private final BusinessType businessType;
  private final OrderStatus start;
  private final Map<OrderStatus, Set<OrderStatus>> moves;
  private final Set<OrderStatus> finished;
  private final Set<OrderStatus> editable;
  private final OrderStatus provenIn;

  private OrderWorkflow(Builder b) {
    this.businessType = b.businessType;
    this.start = b.start;
    this.provenIn = b.provenIn;
    this.finished = Collections.unmodifiableSet(EnumSet.copyOf(b.finished));
    this.editable = Collections.unmodifiableSet(EnumSet.copyOf(b.editable));
    Map<OrderStatus, Set<OrderStatus>> all = new EnumMap<>(OrderStatus.class);
    b.moves.forEach(
        (from, to) -> {
          Set<OrderStatus> targets = EnumSet.copyOf(to);
          targets.add(CANCELLED);
          all.put(from, Collections.unmodifiableSet(targets));
        });
    b.finished.forEach(state -> all.put(state, Collections.emptySet()));
    this.moves = Collections.unmodifiableMap(all);
  }

  /** The workflow of {@code type}. */
  public static OrderWorkflow of(BusinessType type) {
    return WORKFLOWS.get(Objects.requireNonNull(type, "type"));
  }

  public BusinessType businessType() {
    return businessType;
  }

  /** The state a new order starts in: the filled application form. */
  public OrderStatus start() {
    return start;
  }

  /**
   * The state an order reaches once its applicant proved control of the organization (the
   * authorization code, or the lifecycle entry check and its verification).
   */
  public OrderStatus provenIn() {
    return provenIn;
  }

  /** Every state an order of this type can be in. */
  public Set<OrderStatus> states() {
    return moves.keySet();
  }

  /** The final states: an order in one of them is done and moves no more. */
  public Set<OrderStatus> finished() {
    return finished;
  }

  /**
   * @throws IllegalArgumentException if {@code status} is not a state of this workflow
   */
  public boolean isFinished(OrderStatus status) {
    requireState(status);
    return finished.contains(status);
  }

  /** Whether the application data may be changed in {@code status}. */
  public boolean isEditable(OrderStatus status) {
    requireState(status);
    return editable.contains(status);
  }

  /** Where an order in {@code from} may move, {@code CANCELLED} included unless it is finished. */
  public Set<OrderStatus> allowedFrom(OrderStatus from) {
    requireState(from);
    return moves.get(from);
  }

  public boolean allows(OrderStatus from, OrderStatus to) {
    return moves.containsKey(from) && moves.get(from).contains(to);
  }

  /**
   * @throws MoveNotAllowedException unless the table allows the move
   */
  public void check(OrderStatus from, OrderStatus to) {
    if (!allows(from, to)) {
      throw new MoveNotAllowedException(businessType, from, to, moves.getOrDefault(from, Set.of()));
    }
  }

  private void requireState(OrderStatus status) {
    if (!moves.containsKey(status)) {
      throw new IllegalArgumentException(status + " is not a state of " + businessType + " orders");
    }
  }

  @Override
  public String toString() {
    return "OrderWorkflow[" + businessType + "]";
  }

  private static void define(Builder builder) {
    OrderWorkflow workflow = builder.build();
    WORKFLOWS.put(workflow.businessType, workflow);
  }

  static Builder startingAt(BusinessType type, OrderStatus start) {
    return new Builder(type, start);
  }

  /** Collects a table and refuses one that could strand an order. */
  static final class Builder {
    private final BusinessType businessType;
    private final OrderStatus start;
    private final Map<OrderStatus, Set<OrderStatus>> moves = new EnumMap<>(OrderStatus.class);
    private Set<OrderStatus> finished = EnumSet.noneOf(OrderStatus.class);
    private Set<OrderStatus> editable = EnumSet.noneOf(OrderStatus.class);
    private OrderStatus provenIn;

    private Builder(BusinessType businessType, OrderStatus start) {
      this.businessType = Objects.requireNonNull(businessType, "businessType");
      this.start = Objects.requireNonNull(start, "start");
    }

    Builder allow(OrderStatus from, OrderStatus... to) {
      if (moves.containsKey(from)) {
        throw new IllegalStateException(businessType + ": two rows for " + from);
      }
      if (to.length == 0) {
        throw new IllegalStateException(businessType + ": " + from + " allows no move");
      }
      Set<OrderStatus> targets = EnumSet.of(to[0], to);
      if (targets.contains(from)) {
        throw new IllegalStateException(businessType + ": " + from + " moves to itself");
      }
      moves.put(from, targets);
      return this;
    }

    Builder provenIn(OrderStatus state) {
      provenIn = Objects.requireNonNull(state, "state");
      return this;
    }

    Builder finishedIn(OrderStatus... states) {
      finished = EnumSet.of(states[0], states);
      return this;
    }

    Builder editableIn(OrderStatus... states) {
      editable = EnumSet.of(states[0], states);
      return this;
    }

    OrderWorkflow build() {
      String name = businessType.toString();
      if (!moves.containsKey(start)) {
        throw new IllegalStateException(name + ": the start " + start + " has no row");
      }
      if (!finished.contains(CANCELLED)) {
        throw new IllegalStateException(name + ": CANCELLED must be finished");
      }
      for (OrderStatus state : finished) {
        if (moves.containsKey(state)) {
          throw new IllegalStateException(name + ": finished state " + state + " has moves");
        }
      }
      Set<OrderStatus> states = EnumSet.copyOf(finished);
      states.addAll(moves.keySet());
      moves.forEach(
          (from, targets) ->
              targets.forEach(
                  to -> {
                    if (!states.contains(to)) {
                      throw new IllegalStateException(
                          name + ": " + from + " → " + to + " leads to a state without a row");
                    }
                  }));
      for (OrderStatus state : editable) {
        if (!moves.containsKey(state)) {
          throw new IllegalStateException(name + ": editable state " + state + " has no row");
        }
      }
      Set<OrderStatus> unreachable = EnumSet.copyOf(states);
      unreachable.removeAll(reachableFromStart());
      unreachable.remove(CANCELLED);
      if (!unreachable.isEmpty()) {
        throw new IllegalStateException(name + ": unreachable from " + start + ": " + unreachable);
      }
      if (provenIn == null || !moves.containsKey(provenIn)) {
        throw new IllegalStateException(name + ": the proving state must be an unfinished state");
      }
      return new OrderWorkflow(this);
    }

    private Set<OrderStatus> reachableFromStart() {
      Set<OrderStatus> seen = EnumSet.of(start);
      Deque<OrderStatus> todo = new ArrayDeque<>(seen);
      while (!todo.isEmpty()) {
        for (OrderStatus next : moves.getOrDefault(todo.pop(), Set.of())) {
          if (seen.add(next)) {
            todo.push(next);
          }
        }
      }
      return seen;
    }
  }
}
