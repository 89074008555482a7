package cn.certhall.domain.lifecycle;

import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.EnterpriseVerification;
import java.util.Objects;

/**
 * The steps of renewal, information change and revocation (SPEC 3.2–3.4) that move their order,
 * each one transaction with its history note: the verified form starts (or corrects) the order,
 * 确认订单, 返回修改, a revocation's failed enterprise verification, and a revocation's
 * authorization code. The web layer calls these, never the state machine.
 */
public final class LifecycleFlow {
    private final LifecycleService lifecycle;
    private final OrderService orders;
    private final EnterpriseVerification enterprise;
    private final Transactions transactions;

    public LifecycleFlow(
            LifecycleService lifecycle, OrderService orders, EnterpriseVerification enterprise,
            Transactions transactions) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * 下一步 on a renewal's or change's form whose person was verified: the order starts and is
     * {@link OrderStatus#VERIFIED} (确认订单 next), or nothing is stored.
     *
     * @param verifiedNote the history note saying who was verified how
     * @see LifecycleService#start
     */
    public Order startVerified(
            BusinessType type, IdentityProof proof, String channelId, String caName, String serialHex,
            UnitApplication application, HistoryNote verifiedNote) {
        return startVerified(orders.newOrderNumber(), type, proof, channelId, caName, serialHex, application,
                verifiedNote);
    }

    /** @param orderId the number the person's checks were recorded for ({@code OrderService#newOrderNumber}) */
    public Order startVerified(
            String orderId, BusinessType type, IdentityProof proof, String channelId, String caName,
            String serialHex, UnitApplication application, HistoryNote verifiedNote) {
        return transactions.inTransaction(() -> {
            Order order = lifecycle.start(orderId, type, proof, channelId, caName, serialHex, application);
            return orders.move(order.id(), OrderStatus.VERIFIED, verifiedNote);
        });
    }

    /**
     * The corrected and verified form of an order back at its form: stored, and the order
     * {@link OrderStatus#VERIFIED} again; a rejected order goes straight back to review instead
     * (what was paid stands). All or nothing.
     *
     * @throws MoveNotAllowedException if the order moved elsewhere meanwhile
     */
    public Order correct(String orderId, UnitApplication application, HistoryNote verifiedNote) {
        return transactions.inTransaction(() -> {
            Order changed = orders.changeApplication(orderId, application);
            if (changed.status() == OrderStatus.REJECTED) {
                orders.move(orderId, OrderStatus.CONFIRMED, verifiedNote.variant("reconfirmed"));
                return orders.move(orderId, OrderStatus.WAITING_FOR_REVIEW, HistoryNote.of("history.signature.resubmitted"));
            }
            return orders.move(orderId, OrderStatus.VERIFIED, verifiedNote);
        });
    }

    /** 确认订单: a verified order confirmed by its applicant. */
    public Order confirm(String orderId) {
        return orders.move(orderId, OrderStatus.CONFIRMED, HistoryNote.of("history.lifecycle.confirmed"));
    }

    /** 返回修改 on the confirmation: the order back to its form. */
    public Order backToForm(String orderId) {
        return orders.move(orderId, OrderStatus.APPLICATION_FILLED, HistoryNote.of("history.lifecycle.backToForm"));
    }

    /**
     * A revocation whose enterprise verification sent no code: nothing to continue, so the order
     * goes and the organization may try again at once.
     */
    public Order verificationFailed(String orderId) {
        return orders.cancel(orderId, HistoryNote.of("history.lifecycle.enterpriseFailed"));
    }

    /**
     * A revocation's authorization code: checked and, when right, spent with the move to
     * {@link OrderStatus#VERIFIED} (the certificate code next) in one transaction.
     */
    public CodeEntry enterRevocationCode(String orderId, String digits) {
        return transactions.inTransaction(() -> {
            CodeCheck check = enterprise.verifyCode(orderId, digits);
            if (!check.isOk()) {
                return new CodeEntry.Refused(check);
            }
            RevocationChoice reason = lifecycle.request(orderId).orElseThrow().revocationChoice();
            return new CodeEntry.Entered(orders.move(
                    orderId, OrderStatus.VERIFIED, HistoryNote.of("history.lifecycle.revocationVerified." + reason.name())));
        });
    }
}
