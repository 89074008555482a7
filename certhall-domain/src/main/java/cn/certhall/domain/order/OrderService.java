package cn.certhall.domain.order;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the applicant portal, the review console and the CA do with orders. Each method is one
 * transaction: a change is read, checked against the workflow and stored as a whole, or not at all,
 * together with its entry in the audit log. Calls without an {@link Actor} are the applicant's (the
 * portal); the console and the CA name theirs.
 */
public final class OrderService {
  /**
   * The history note of an order replaced by a new application of its organization: shown to
   * whoever opens the old order, so it names neither the new order nor its applicant.
   */
  /** 未输入证书授权码，该单位的新申请已通过核验，本订单被新申请取代并取消. */
  public static final HistoryNote REPLACED_NOTE = HistoryNote.of("history.order.replaced");

  /** Each lost race means another start went through: a few rounds settle any real burst. */
  private static final int REPLACE_ATTEMPTS = 20;

  private final OrderRepository orders;
  private final Transactions transactions;
  private final OrderNumbers numbers;
  private final Clock clock;
  private final AuditLog audit;

  public OrderService(
      OrderRepository orders,
      Transactions transactions,
      OrderNumbers numbers,
      Clock clock,
      AuditLog audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts an order for the organization on the application, in its workflow's first state.
   *
   * @throws UnfinishedOrderExistsException if the organization's credit code has an unfinished
   *     order of this business type (also when two starts race: one wins)
   */
  public Order start(BusinessType businessType, String channelId, UnitApplication application) {
    return start(numbers.next(), businessType, channelId, application);
  }

  /**
   * As {@link #start(BusinessType, String, UnitApplication)}, under a number from {@link
   * #newOrderNumber()} that the applicant's checks were already recorded for.
   */
  public Order start(
      String orderId, BusinessType businessType, String channelId, UnitApplication application) {
    return transactions.inTransaction(
        () -> {
          Order order = Order.start(orderId, businessType, channelId, application, now());
          orders.insert(order);
          recordCreated(order, "");
          return order;
        });
  }

  /**
   * A number for an order that is not stored yet. 单位证书新办 verifies the applicant before the order
   * exists and keys the authorization code by this number, which the order then takes ({@link
   * #startVerified}); a number whose application never passes is simply never used.
   */
  public String newOrderNumber() {
    return numbers.next();
  }

  /**
   * Starts an order whose application has passed its verifications: stored at once in {@code
   * VERIFIED}, with both lines in its history, so no order exists (or holds the organization's one
   * unfinished order) for an application that failed them.
   *
   * <p>An unfinished order of the type that never {@linkplain Order#passedVerification() passed
   * verification} (its authorization code was never entered) does not keep this application out:
   * anyone who knows the organization's data can get that far, and its real applicant may have lost
   * the session that alone reaches it. It is cancelled as replaced ({@link #REPLACED_NOTE}) in the
   * transaction that stores the new order, so its pending codes open nothing. Parallel starts stay
   * safe: the replacement is a versioned update and the slot a database key, and a start that loses
   * either race reads the slot again.
   *
   * @param orderId a number from {@link #newOrderNumber()}
   * @param note why it is verified, shown in the status history
   * @throws UnfinishedOrderExistsException if an unfinished order of the type that passed
   *     verification exists
   */
  public Order startVerified(
      String orderId,
      BusinessType businessType,
      String channelId,
      UnitApplication application,
      HistoryNote note) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.inTransaction(
            () -> insertReplacingUnproven(orderId, businessType, channelId, application, note));
      } catch (SlotMoved moved) {
        if (attempt == REPLACE_ATTEMPTS) {
          throw new IllegalStateException(
              "the unfinished order slot of order " + orderId + " kept changing hands");
        }
      }
    }
  }

  private Order insertReplacingUnproven(
      String orderId,
      BusinessType businessType,
      String channelId,
      UnitApplication application,
      HistoryNote note) {
    Instant now = now();
    Order order =
        Order.start(orderId, businessType, channelId, application, now)
            .moveTo(OrderStatus.VERIFIED, now, note);
    Optional<Order> holder =
        orders.list(order.applicant().number(), businessType).unfinished().stream().findFirst();
    if (holder.isPresent()) {
      Order old = holder.get();
      if (old.passedVerification()) {
        throw new UnfinishedOrderExistsException(old.id(), businessType);
      }
      try {
        orders.update(old.cancel(now, REPLACED_NOTE), old.version());
      } catch (ConcurrentOrderChangeException changed) {
        throw new SlotMoved();
      }
      recordMove(
          Actor.APPLICANT,
          old.id(),
          old.status(),
          OrderStatus.CANCELLED,
          REPLACED_NOTE,
          order.id());
    }
    try {
      orders.insert(order);
    } catch (UnfinishedOrderExistsException raced) {
      throw new SlotMoved();
    }
    recordCreated(order, holder.map(old -> ", replaces " + old.id()).orElse(""));
    return order;
  }

  /**
   * The unfinished order of the type that keeps a new application of the ID number out: one that
   * passed verification ({@link #startVerified} replaces any other).
   */
  public Optional<Order> blockingOrder(String idNumber, BusinessType businessType) {
    return list(idNumber, businessType).unfinished().stream()
        .filter(Order::passedVerification)
        .findFirst();
  }

  /**
   * Another start took or changed the slot meanwhile: the transaction is rolled back and tried
   * again.
   */
  private static final class SlotMoved extends RuntimeException {
    SlotMoved() {
      super(null, null, false, false);
    }
  }

  /**
   * Moves the order to {@code to}.
   *
   * @param note the step's note, named after the step: shown in the status history and written into
   *     the move's audit record, so every line of both says which step made it
   * @throws OrderNotFoundException if there is no such order
   * @throws MoveNotAllowedException if the workflow does not allow the move from where it is
   * @throws ConcurrentOrderChangeException if the order changed while this move was made
   */
  public Order move(String orderId, OrderStatus to, HistoryNote note) {
    return move(orderId, to, note, Actor.APPLICANT);
  }

  /**
   * As {@link #move(String, OrderStatus, HistoryNote)}, done by {@code actor}. Called inside a
   * running transaction of the same {@link Transactions}, it is a step of that transaction.
   */
  public Order move(String orderId, OrderStatus to, HistoryNote note, Actor actor) {
    Objects.requireNonNull(note, "every move names its step: note");
    return transactions.inTransaction(
        () -> {
          Order changed = change(orderId, order -> order.moveTo(to, now(), note));
          StatusChange line = changed.history().get(changed.history().size() - 1);
          recordMove(actor, orderId, line.from(), line.to(), note, null);
          return changed;
        });
  }

  /** 取消订单: frees the ID number for a new order of the type. As {@link #move}. */
  public Order cancel(String orderId, HistoryNote note) {
    return move(orderId, OrderStatus.CANCELLED, note, Actor.APPLICANT);
  }

  /**
   * Cancels an order left without activity (the inactivity rule, {@code inactivity}) if it is still
   * as it was when it was found idle: unchanged since {@code lastActivity}. The read and the
   * versioned update make the cancellation happen once however many nodes try.
   *
   * @return the cancelled order; empty when it moved on (or another node cancelled it) meanwhile
   */
  public Optional<Order> cancelInactive(String orderId, Instant lastActivity, HistoryNote note) {
    return transactions.inTransaction(
        () -> {
          Optional<Order> current = orders.find(orderId);
          if (current.isEmpty()
              || current.get().isFinished()
              || !current.get().updatedAt().equals(lastActivity)) {
            return Optional.<Order>empty();
          }
          Order cancelled = current.get().cancel(now(), note);
          orders.update(cancelled, current.get().version());
          recordMove(
              Actor.SYSTEM, orderId, current.get().status(), OrderStatus.CANCELLED, note, null);
          return Optional.of(cancelled);
        });
  }

  /**
   * Replaces the application of an order in an editable state (the form, a rejection).
   *
   * @throws OrderNotEditableException elsewhere
   */
  public Order changeApplication(String orderId, UnitApplication application) {
    return transactions.inTransaction(
        () -> {
          Order changed = change(orderId, order -> order.withApplication(application, now()));
          audit.record(
              Actor.APPLICANT,
              AuditAction.ORDER_APPLICATION_CHANGED,
              orderId,
              "in " + changed.status());
          return changed;
        });
  }

  /** The audit record of a new order: its business, first state, channel and organization. */
  private void recordCreated(Order order, String extra) {
    audit.record(
        Actor.APPLICANT,
        AuditAction.ORDER_CREATED,
        order.id(),
        order.businessType()
            + " "
            + order.status()
            + ", channel "
            + order.channelId()
            + ", organization "
            + order.application().creditCode()
            + extra);
  }

  /**
   * The audit record of a move, in the move's transaction: {@code FROM → TO: note}, the note's key
   * naming the step, and the order that caused it where another did.
   */
  private void recordMove(
      Actor actor,
      String orderId,
      OrderStatus from,
      OrderStatus to,
      HistoryNote note,
      String causedBy) {
    audit.record(
        actor,
        AuditAction.ORDER_STATUS_CHANGED,
        orderId,
        from + " → " + to + ": " + note + (causedBy == null ? "" : " (" + causedBy + ")"));
  }

  public Optional<Order> find(String orderId) {
    return transactions.inTransaction(() -> orders.find(orderId));
  }

  /** 我的订单: every order of the ID number, split into unfinished and finished. */
  public OrderList list(String idNumber) {
    String number = ApplicantId.normalize(idNumber);
    return transactions.inTransaction(() -> orders.list(number));
  }

  public OrderList list(String idNumber, BusinessType businessType) {
    String number = ApplicantId.normalize(idNumber);
    Objects.requireNonNull(businessType, "businessType");
    return transactions.inTransaction(() -> orders.list(number, businessType));
  }

  private Order change(String orderId, UnaryOperator<Order> change) {
    return transactions.inTransaction(
        () -> {
          Order current =
              orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          Order changed = change.apply(current);
          orders.update(changed, current.version());
          return changed;
        });
  }

  /** Milliseconds: what both databases keep, so an order reads back exactly as it was stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
