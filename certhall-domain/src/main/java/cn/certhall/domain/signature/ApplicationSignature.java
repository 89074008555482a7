package cn.certhall.domain.signature;

import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.material.MissingMaterialsException;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * 证书申请签名 (SPEC 3.1 step 7): an SMS code sent to the handler's mobile confirms the application. The
 * right code moves the order to {@code APPLICATION_SIGNED} and, in the same transaction, makes the
 * 申请表 with the current materials' hashes and the time of confirmation, stores it in the {@link
 * MaterialStore} and records it ({@link SignedForms}).
 *
 * <p>Then the order is submitted at once (to {@code WAITING_FOR_REVIEW}, skipping payment) when
 * there is nothing to pay: the channel charges no fee for the business, or the order was submitted
 * before — <b>a resubmission after a rejection is not paid again</b> (重新提交). Otherwise the payment
 * step follows.
 *
 * <p>Which orders may sign is the workflow's: those that may move to {@code APPLICATION_SIGNED}
 * (after the materials, or in {@code REJECTED}), with every material their business requires. The
 * codes follow the SMS policy (lifetime, wrong tries, resend cooldown) of {@link SmsCodes}.
 */
public final class ApplicationSignature {
  /** The history note of the signature, and of a resubmission. */
  static final HistoryNote SIGNED_NOTE = HistoryNote.of("history.signature.signed");

  static final HistoryNote RESUBMITTED_NOTE = HistoryNote.of("history.signature.resubmitted");
  static final HistoryNote FREE_NOTE = HistoryNote.of("history.payment.free");

  private final OrderService orders;
  private final SmsCodes codes;
  private final MaterialService materials;
  private final MaterialStore store;
  private final SignedForms forms;
  private final ApplicationFormRenderer renderer;
  private final FeeSchedule fees;
  private final Transactions transactions;

  public ApplicationSignature(
      OrderService orders,
      SmsCodes codes,
      MaterialService materials,
      MaterialStore store,
      SignedForms forms,
      ApplicationFormRenderer renderer,
      FeeSchedule fees,
      Transactions transactions) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.materials = Objects.requireNonNull(materials, "materials");
    this.store = Objects.requireNonNull(store, "store");
    this.forms = Objects.requireNonNull(forms, "forms");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.fees = Objects.requireNonNull(fees, "fees");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * What an entered code did.
   *
   * @param order the order afterwards: {@code APPLICATION_SIGNED} (payment next) or {@code
   *     WAITING_FOR_REVIEW} when signed; unchanged otherwise
   */
  public record Signed(CodeCheck check, Order order) {
    public boolean isSigned() {
      return check.isOk();
    }
  }

  /**
   * Whether the order is at the signature step (its workflow lets it move to APPLICATION_SIGNED).
   */
  public static boolean isAtSignature(Order order) {
    return order.workflow().allows(order.status(), OrderStatus.APPLICATION_SIGNED);
  }

  /**
   * Whether signing now is a resubmission: the order was submitted for review before (and
   * rejected), so what it paid then stands.
   */
  public static boolean isResubmission(Order order) {
    return order.history().stream()
        .map(StatusChange::to)
        .anyMatch(s -> s == OrderStatus.WAITING_FOR_REVIEW);
  }

  /**
   * Sends a new code to the handler's mobile on the application.
   *
   * @throws MoveNotAllowedException unless the order is at the signature step
   * @throws MissingMaterialsException if a required material is missing
   */
  public SmsCodeResult sendCode(String orderId) {
    Order order = signable(orderId);
    return codes.send(
        CodeKey.applicationSignature(order.id()),
        order.application().handler().mobile(),
        order.application().creditCode());
  }

  /** Whole seconds before a new code can be sent; 0: now. */
  public long secondsUntilResend(String orderId) {
    return codes.secondsUntilSend(CodeKey.applicationSignature(orderId));
  }

  /**
   * Checks the entered code; when right, signs and, when nothing is to be paid, submits.
   *
   * @throws MoveNotAllowedException unless the order is at the signature step (no code is spent)
   * @throws MissingMaterialsException if a required material is missing (no code is spent)
   */
  public Signed confirm(String orderId, String entered) {
    Order order = signable(orderId);
    CodeCheck check = codes.verify(CodeKey.applicationSignature(order.id()), entered);
    if (!check.isOk()) {
      return new Signed(check, order);
    }
    Order after =
        transactions.inTransaction(
            () -> {
              boolean resubmission = isResubmission(order);
              Order signed = orders.move(order.id(), OrderStatus.APPLICATION_SIGNED, SIGNED_NOTE);
              List<StatusChange> history = signed.history();
              Instant confirmedAt = history.get(history.size() - 1).at();
              byte[] pdf = renderer.render(signed, materials.current(order.id()), confirmedAt);
              String sha256 = store.put(pdf);
              int version = forms.latest(order.id()).map(f -> f.version() + 1).orElse(1);
              forms.insert(new SignedForm(order.id(), version, sha256, pdf.length, confirmedAt));
              if (resubmission
                  && signed.workflow().allows(signed.status(), OrderStatus.WAITING_FOR_REVIEW)) {
                return orders.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, RESUBMITTED_NOTE);
              }
              if (fees.feeFor(signed.channelId(), signed.businessType()) == 0
                  || !signed.workflow().allows(signed.status(), OrderStatus.PAID)) {
                return orders.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, FREE_NOTE);
              }
              return signed;
            });
    return new Signed(check, after);
  }

  /** The order's current 申请表, once signed. */
  public Optional<SignedForm> form(String orderId) {
    return transactions.inTransaction(() -> forms.latest(orderId));
  }

  /** The PDF of a signed form; the caller closes the stream. */
  public Optional<InputStream> open(SignedForm form) {
    return store.open(form.sha256());
  }

  private Order signable(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    if (!isAtSignature(order)) {
      throw new MoveNotAllowedException(
          order.businessType(),
          order.status(),
          OrderStatus.APPLICATION_SIGNED,
          order.workflow().allowedFrom(order.status()));
    }
    Set<MaterialKind> missing = materials.missing(orderId);
    if (!missing.isEmpty()) {
      throw new MissingMaterialsException(orderId, missing);
    }
    return order;
  }

  /** The materials the form will list, current versions. */
  public List<Material> materials(String orderId) {
    return materials.current(orderId);
  }
}
