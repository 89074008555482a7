package cn.certhall.domain.order;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * 返回修改 of a rejected 单位证书新办: the handler corrects the application form of the same order, the
 * verifications that the changed fields concern are done again, and the order walks 确认订单, the
 * authorization code (only when the enterprise verification was done again), the materials (kept)
 * and the signature again before it returns to review; what was paid stands.
 *
 * <p>Which fields concern which verification follows from what each checks (docs/decisions.md): the
 * administrator's real-name check reads the administrator's name, ID type and number, mobile and
 * the chosen method with its card; the enterprise verification reads the organization's name and
 * credit code, the legal representative's name and ID number, and the chosen method with its
 * account, card or mobile, and ends with the authorization code. The credit code itself cannot
 * change (a different organization is a new application). Nothing else is verified: the handler
 * proves the mobile on the form by signing with a code sent to it.
 *
 * <p>The order stays {@code REJECTED} until the owed verifications passed; then, in one
 * transaction, its application is replaced and it moves on: {@code REJECTED → VERIFIED} when the
 * enterprise verification stands, or {@code REJECTED → APPLICATION_FILLED → VERIFIED} when it was
 * done again and a new authorization code is out, which is what {@link #confirm} reads.
 */
public final class ApplicationCorrection {
  /** The verifications of the form that a change can make owed again. */
  public enum Check {
    /** 证书及印章管理员核验. */
    ADMINISTRATOR,
    /** 企业认证, with its authorization code. */
    ENTERPRISE
  }

  static final HistoryNote BACK_TO_FORM_NOTE = HistoryNote.of("history.correction.backToForm");
  static final HistoryNote CODE_KEPT_NOTE = HistoryNote.of("history.correction.codeKept");
  static final HistoryNote CONFIRMED_NOTE = HistoryNote.of("history.correction.confirmed");
  static final HistoryNote FIRST_CONFIRMED_NOTE = HistoryNote.of("history.application.confirmed");

  private final OrderService orders;
  private final Transactions transactions;

  public ApplicationCorrection(OrderService orders, Transactions transactions) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /** Whether {@code order} is a rejected new unit certificate, whose form may be corrected. */
  public static boolean isCorrectable(Order order) {
    return order.businessType() == BusinessType.NEW_UNIT_CERTIFICATE
        && order.status() == OrderStatus.REJECTED;
  }

  /** The verifications that changing {@code before} into {@code after} makes owed again. */
  public static Set<Check> owed(UnitApplication before, UnitApplication after) {
    Set<Check> owed = EnumSet.noneOf(Check.class);
    if (!administratorFacts(before).equals(administratorFacts(after))) {
      owed.add(Check.ADMINISTRATOR);
    }
    if (!enterpriseFacts(before).equals(enterpriseFacts(after))) {
      owed.add(Check.ENTERPRISE);
    }
    return owed;
  }

  private static List<Object> administratorFacts(UnitApplication a) {
    UnitApplication.Administrator admin = a.administrator();
    return List.of(
        admin.name(),
        admin.idType(),
        admin.idNumber(),
        admin.mobile(),
        a.administratorVerification());
  }

  private static List<Object> enterpriseFacts(UnitApplication a) {
    return List.of(
        a.organizationName(),
        a.creditCode(),
        a.legalRepresentative().name(),
        a.legalRepresentative().idNumber(),
        a.enterpriseVerification());
  }

  /**
   * Stores the corrected application of a rejected order whose owed verifications ({@link #owed})
   * passed, and moves it to {@code VERIFIED} with a history line that says which were done again.
   *
   * @throws MoveNotAllowedException unless the order is rejected
   * @throws ConcurrentOrderChangeException if the order changed meanwhile
   */
  public Order correct(String orderId, UnitApplication corrected, Set<Check> passed) {
    return transactions.inTransaction(
        () -> {
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          if (!isCorrectable(order)) {
            throw new MoveNotAllowedException(
                order.businessType(),
                order.status(),
                OrderStatus.VERIFIED,
                order.workflow().allowedFrom(order.status()));
          }
          orders.changeApplication(orderId, corrected);
          if (passed.contains(Check.ENTERPRISE)) {
            orders.move(orderId, OrderStatus.APPLICATION_FILLED, BACK_TO_FORM_NOTE);
          }
          return orders.move(orderId, OrderStatus.VERIFIED, verifiedNote(passed));
        });
  }

  static HistoryNote verifiedNote(Set<Check> passed) {
    boolean admin = passed.contains(Check.ADMINISTRATOR);
    boolean enterprise = passed.contains(Check.ENTERPRISE);
    if (admin && enterprise) {
      return HistoryNote.of("history.correction.verified.both");
    }
    if (enterprise) {
      return HistoryNote.of("history.correction.verified.enterprise");
    }
    if (admin) {
      return HistoryNote.of("history.correction.verified.administrator");
    }
    return HistoryNote.of("history.correction.verified.none");
  }

  /**
   * Whether the order, now {@code VERIFIED} or {@code CONFIRMED}, still needs its authorization
   * code: always, except after a correction that left the enterprise verification as it was (then
   * the last move into {@code VERIFIED} came straight from {@code REJECTED}).
   */
  public static boolean codeOwed(Order order) {
    List<StatusChange> history = order.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).to() == OrderStatus.VERIFIED) {
        return history.get(i).from() != OrderStatus.REJECTED;
      }
    }
    return true;
  }

  /**
   * 确认订单 of a verified new unit certificate: to {@code CONFIRMED}, and on past the authorization
   * code when a correction did not make it owed again.
   *
   * @throws MoveNotAllowedException unless the order is {@code VERIFIED}
   */
  public Order confirm(String orderId) {
    return transactions.inTransaction(
        () -> {
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          if (codeOwed(order)) {
            return orders.move(orderId, OrderStatus.CONFIRMED, FIRST_CONFIRMED_NOTE);
          }
          orders.move(orderId, OrderStatus.CONFIRMED, CONFIRMED_NOTE);
          return orders.move(orderId, OrderStatus.AUTHORIZATION_CODE_ENTERED, CODE_KEPT_NOTE);
        });
  }
}
