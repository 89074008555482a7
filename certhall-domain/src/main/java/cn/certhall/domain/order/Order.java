package cn.certhall.domain.order;

import cn.certhall.domain.identity.IdType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order (订单): one business of one applicant, from the filled form to its end, with the history
 * of its status. Immutable: every change returns a new order one {@link #version()} further on,
 * which the repository stores only if the stored order is still at the version it was read at.
 */
public final class Order {
  private final String id;
  private final BusinessType businessType;
  private final String channelId;
  private final ApplicantId applicant;
  private final UnitApplication application;
  private final OrderStatus status;
  private final long version;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final List<StatusChange> history;

  private Order(
      String id,
      BusinessType businessType,
      String channelId,
      ApplicantId applicant,
      UnitApplication application,
      OrderStatus status,
      long version,
      Instant createdAt,
      Instant updatedAt,
      List<StatusChange> history) {
    this.id = Fields.required(id, "order id", OrderNumbers.MAX_LENGTH);
    this.businessType = Objects.requireNonNull(businessType, "businessType");
    this.channelId = Fields.required(channelId, "channel id", Fields.CHANNEL_ID);
    this.applicant = Objects.requireNonNull(applicant, "applicant");
    this.application = Objects.requireNonNull(application, "application");
    this.status = Objects.requireNonNull(status, "status");
    this.version = version;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    this.history = List.copyOf(history);
    requireConsistent();
  }

  /**
   * A new order in the first state of its workflow, for the organization whose credit code is on
   * the application.
   */
  public static Order start(
      String id,
      BusinessType businessType,
      String channelId,
      UnitApplication application,
      Instant now) {
    OrderStatus first = OrderWorkflow.of(businessType).start();
    return new Order(
        id,
        businessType,
        channelId,
        ApplicantId.unit(application.creditCode()),
        application,
        first,
        0,
        now,
        now,
        List.of(new StatusChange(now, null, first, null)));
  }

  /**
   * An order as a repository stored it.
   *
   * @throws IllegalArgumentException if the parts do not fit together (a history that does not end
   *     in {@code status}, a status foreign to the business type, …)
   */
  public static Order restore(
      String id,
      BusinessType businessType,
      String channelId,
      ApplicantId applicant,
      UnitApplication application,
      OrderStatus status,
      long version,
      Instant createdAt,
      Instant updatedAt,
      List<StatusChange> history) {
    return new Order(
        id,
        businessType,
        channelId,
        applicant,
        application,
        status,
        version,
        createdAt,
        updatedAt,
        history);
  }

  /**
   * This order moved to {@code to} at {@code at}.
   *
   * @param note why, or null
   * @throws MoveNotAllowedException if the workflow's table does not allow the move
   */
  public Order moveTo(OrderStatus to, Instant at, HistoryNote note) {
    workflow().check(status, to);
    List<StatusChange> longer = new ArrayList<>(history);
    longer.add(new StatusChange(at, status, to, note));
    return new Order(
        id,
        businessType,
        channelId,
        applicant,
        application,
        to,
        version + 1,
        createdAt,
        at,
        longer);
  }

  /** 取消订单: possible from every unfinished state. */
  public Order cancel(Instant at, HistoryNote note) {
    return moveTo(OrderStatus.CANCELLED, at, note);
  }

  /**
   * This order with its application changed (the form filled in again, a correction after a
   * rejection). The organization stays the same: the credit code cannot change.
   *
   * @throws OrderNotEditableException if the workflow does not allow changes in this status
   */
  public Order withApplication(UnitApplication changed, Instant at) {
    if (!workflow().isEditable(status)) {
      throw new OrderNotEditableException(id, status);
    }
    if (!changed.creditCode().equals(application.creditCode())) {
      throw new IllegalArgumentException("the credit code of order " + id + " cannot change");
    }
    return new Order(
        id,
        businessType,
        channelId,
        applicant,
        changed,
        status,
        version + 1,
        createdAt,
        at,
        history);
  }

  public OrderWorkflow workflow() {
    return OrderWorkflow.of(businessType);
  }

  public boolean isFinished() {
    return workflow().isFinished(status);
  }

  /**
   * Whether the order once reached its workflow's {@link OrderWorkflow#provenIn() proving state}:
   * its applicant proved control of the organization. A later 返回修改 does not undo that.
   */
  public boolean passedVerification() {
    OrderStatus proof = workflow().provenIn();
    return history.stream().anyMatch(change -> change.to() == proof);
  }

  /** The order number (订单号), random and unguessable: see {@link OrderNumbers}. */
  public String id() {
    return id;
  }

  public BusinessType businessType() {
    return businessType;
  }

  /** The channel platform (云平台) the applicant came from. */
  public String channelId() {
    return channelId;
  }

  public ApplicantId applicant() {
    return applicant;
  }

  public UnitApplication application() {
    return application;
  }

  public OrderStatus status() {
    return status;
  }

  /** 0 when created, one more with every change. */
  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** Every status the order has had, oldest first; the first is its creation. */
  public List<StatusChange> history() {
    return history;
  }

  private void requireConsistent() {
    OrderWorkflow workflow = workflow();
    if (!workflow.states().contains(status)) {
      throw new IllegalArgumentException(status + " is not a state of " + businessType + " orders");
    }
    if (applicant.type() == IdType.UNIFIED_SOCIAL_CREDIT_CODE
        && !applicant.number().equals(application.creditCode())) {
      throw new IllegalArgumentException(
          "order " + id + ": the applicant is not the organization applying");
    }
    if (history.isEmpty() || !history.get(0).isCreation()) {
      throw new IllegalArgumentException("order " + id + ": history must start with the creation");
    }
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).from() != history.get(i - 1).to()) {
        throw new IllegalArgumentException(
            "order " + id + ": history line " + (i + 1) + " does not follow");
      }
    }
    if (history.get(history.size() - 1).to() != status) {
      throw new IllegalArgumentException("order " + id + ": history does not end in " + status);
    }
  }

  @Override
  public String toString() {
    return "Order[" + id + ", " + businessType + ", " + status + ", version " + version + "]";
  }
}
