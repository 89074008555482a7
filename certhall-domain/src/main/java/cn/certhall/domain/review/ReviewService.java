package cn.certhall.domain.review;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.review.ReviewClaims.Claim;
import cn.certhall.pki.issuance.CertificateRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The reviewer's decisions (审核). Claim first, then approve or reject while holding the claim. Each
 * decision is one transaction: the order's move (audited with the reviewer as actor), the
 * decision's own audit entry, the handler's SMS and email queued, the claim released. After an
 * approval commits, the CA acts on it: a new certificate is issued ({@link IssuanceService}), or a
 * renewal, change or revocation carried out ({@link LifecycleApproval}); if that fails, the order
 * stays {@code APPROVED} and their {@code recover} finishes it.
 */
public final class ReviewService {
  /** Free text beside the reason; the history note holds reason and text (500 characters). */
  public static final int MAX_REASON_TEXT = 300;

  private final OrderService orders;
  private final ReviewClaims claims;
  private final Notifications notifications;
  private final IssuanceService issuance;
  private final LifecycleApproval lifecycle;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final Duration claimTime;

  public ReviewService(
      OrderService orders,
      ReviewClaims claims,
      Notifications notifications,
      IssuanceService issuance,
      LifecycleApproval lifecycle,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Duration claimTime) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.issuance = Objects.requireNonNull(issuance, "issuance");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.claimTime = Objects.requireNonNull(claimTime, "claimTime");
  }

  /**
   * Takes the order to decide it, or extends the reviewer's own claim.
   *
   * @return the claim that holds: the reviewer's, or another reviewer's (then nothing changed)
   * @throws MoveNotAllowedException if the order is not waiting for review
   */
  public Claim claim(String orderId, String reviewer) {
    return transactions.inTransaction(
        () -> {
          Order order = waiting(orderId);
          Instant now = now();
          Optional<Claim> before = claims.find(orderId);
          Claim claim = claims.claim(orderId, reviewer, now, now.plus(claimTime));
          boolean fresh = before.isEmpty() || !before.get().heldBy(reviewer, now);
          if (claim.reviewer().equals(reviewer) && fresh) {
            audit.record(
                Actor.operator(reviewer),
                AuditAction.REVIEW_CLAIMED,
                order.id(),
                "until " + claim.expiresAt());
          }
          return claim;
        });
  }

  /**
   * The outcome of an approval: the approved order, and its certificate if issuance went through.
   */
  public record Approval(
      Order order, Optional<CertificateRef> certificate, RuntimeException issuanceProblem) {}

  /**
   * 审核通过.
   *
   * @throws ClaimNotHeldException unless the reviewer holds the order's claim
   */
  public Approval approve(String orderId, String reviewer) {
    Order approved =
        transactions.inTransaction(
            () -> {
              requireClaim(orderId, reviewer);
              Order order =
                  orders.move(
                      orderId,
                      OrderStatus.APPROVED,
                      HistoryNote.of("history.review.approved"),
                      Actor.operator(reviewer));
              audit.record(Actor.operator(reviewer), AuditAction.REVIEW_APPROVED, orderId, "");
              claims.release(orderId);
              return order;
            });
    try {
      // What the CA does per business type; each is idempotent and recovered when it fails.
      Optional<CertificateRef> certificate =
          approved.businessType() == BusinessType.NEW_UNIT_CERTIFICATE
              ? Optional.of(issuance.issue(orderId))
              : lifecycle.carryOut(orderId);
      return new Approval(approved, certificate, null);
    } catch (RuntimeException e) {
      return new Approval(approved, Optional.empty(), e);
    }
  }

  /**
   * 审核未通过: the order goes back to the handler ({@code REJECTED}, where it is corrected and
   * resubmitted as the same order), the reason in its history and in the notifications.
   *
   * @param text the reviewer's own words beside the reason; may be blank, required for {@link
   *     RejectionReason#OTHER}
   * @throws ClaimNotHeldException unless the reviewer holds the order's claim
   */
  public Order reject(String orderId, String reviewer, RejectionReason reason, String text) {
    Objects.requireNonNull(reason, "reason");
    String extra = text == null ? "" : text.strip();
    if (extra.length() > MAX_REASON_TEXT) {
      throw new IllegalArgumentException(
          "reason text is longer than " + MAX_REASON_TEXT + " characters");
    }
    if (reason == RejectionReason.OTHER && extra.isEmpty()) {
      throw new IllegalArgumentException("the reason 其他 needs a text");
    }
    String note =
        reason == RejectionReason.OTHER
            ? extra
            : reason.label() + (extra.isEmpty() ? "" : "（" + extra + "）");
    return transactions.inTransaction(
        () -> {
          requireClaim(orderId, reviewer);
          Order order =
              orders.move(
                  orderId,
                  OrderStatus.REJECTED,
                  RejectionReason.note(reason, extra),
                  Actor.operator(reviewer));
          audit.record(
              Actor.operator(reviewer), AuditAction.REVIEW_REJECTED, orderId, reason + ": " + note);
          notifications.rejected(order, note);
          claims.release(orderId);
          return order;
        });
  }

  private Order waiting(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    if (order.status() != OrderStatus.WAITING_FOR_REVIEW) {
      // the answer a decision would get from the workflow
      throw new MoveNotAllowedException(
          order.businessType(),
          order.status(),
          OrderStatus.APPROVED,
          order.workflow().allowedFrom(order.status()));
    }
    return order;
  }

  private void requireClaim(String orderId, String reviewer) {
    Optional<Claim> claim = claims.find(orderId);
    if (claim.isEmpty() || !claim.get().heldBy(reviewer, now())) {
      throw new ClaimNotHeldException(orderId, claim.map(Claim::reviewer).orElse(null));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
