package cn.certhall.domain.order;

import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.EnterpriseVerification;
import java.util.Objects;

/**
 * The steps of a new unit certificate application (新办单位证书, SPEC 3.1) that move its order, each
 * one transaction: 下一步 on the verified form, 返回修改, and the authorization code (证书授权码).
 * The web layer calls these, never the state machine; the steps before (the form and its
 * verifications) and after (materials, signature, payment) have services of their own.
 */
public final class NewApplicationFlow {

    private final OrderService orders;
    private final EnterpriseVerification enterprise;
    private final Transactions transactions;

    public NewApplicationFlow(OrderService orders, EnterpriseVerification enterprise, Transactions transactions) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * 下一步 on the form once the administrator and the organization were verified (the code is
     * on its way): the order goes to {@link OrderStatus#VERIFIED} (确认订单 next).
     *
     * @throws MoveNotAllowedException if the order is elsewhere (a second tab moved it)
     */
    public Order verified(String orderId) {
        return orders.move(orderId, OrderStatus.VERIFIED, null);
    }

    /**
     * 返回修改 from 确认订单 or the code page: the order back to {@link OrderStatus#APPLICATION_FILLED}.
     *
     * @throws MoveNotAllowedException if the order is elsewhere
     */
    public Order backToForm(String orderId) {
        return orders.move(orderId, OrderStatus.APPLICATION_FILLED, null);
    }

    /**
     * 证书授权码: checks the code and moves the order on, in one transaction. A right code is spent
     * only with the move: if the move fails (a second tab moved the order first), the code stays
     * usable. A wrong code counts its try. Entered: the order at
     * {@link OrderStatus#AUTHORIZATION_CODE_ENTERED}.
     *
     * @param digits the six digits typed, already parsed
     * @throws MoveNotAllowedException if the right code met an order that had moved elsewhere
     */
    public CodeEntry enterAuthorizationCode(String orderId, String digits) {
        return transactions.inTransaction(() -> {
            CodeCheck check = enterprise.verifyCode(orderId, digits);
            if (!check.isOk()) {
                return new CodeEntry.Refused(check);
            }
            return new CodeEntry.Entered(orders.move(orderId, OrderStatus.AUTHORIZATION_CODE_ENTERED, null));
        });
    }
}
