package cn.certhall.domain.material;

import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * 资料上传 (SPEC 3.1 step 6, 3.4): checks each uploaded file by its content, stores the accepted ones,
 * and completes the step when the order has every material its business needs.
 *
 * <p>A refused file leaves nothing behind: it is checked in memory before anything is written. An
 * accepted file is written to the {@link MaterialStore} first and then recorded, so a row never
 * names a missing file (a crash in between leaves an unreferenced file, which is harmless).
 */
public final class MaterialService {
  /** 下一步 on the materials page with every required material uploaded. */
  static final HistoryNote UPLOADED_NOTE = HistoryNote.of("history.materials.uploaded");

  /**
   * Where uploads are taken: the materials step itself (after the authorization code, or after the
   * certificate check of a revocation), its completion (a file may still be replaced before the
   * application is signed with the hashes), and a rejection, where the applicant corrects the
   * order.
   */
  static final Set<OrderStatus> UPLOAD_STATES =
      EnumSet.of(
          OrderStatus.AUTHORIZATION_CODE_ENTERED,
          OrderStatus.CERTIFICATE_VERIFIED,
          OrderStatus.MATERIALS_UPLOADED,
          OrderStatus.REJECTED);

  private final OrderService orderService;
  private final OrderRepository orders;
  private final MaterialRepository materials;
  private final MaterialStore store;
  private final UploadRules rules;
  private final Transactions transactions;
  private final Clock clock;

  public MaterialService(
      OrderService orderService,
      OrderRepository orders,
      MaterialRepository materials,
      MaterialStore store,
      UploadRules rules,
      Transactions transactions,
      Clock clock) {
    this.orderService = Objects.requireNonNull(orderService, "orderService");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.materials = Objects.requireNonNull(materials, "materials");
    this.store = Objects.requireNonNull(store, "store");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether the order takes uploads now: it is at (or just past) the materials step, or rejected,
   * and its business needs materials.
   */
  public static boolean takesUploads(Order order) {
    return UPLOAD_STATES.contains(order.status())
        && !MaterialKind.requiredFor(order.businessType()).isEmpty();
  }

  /**
   * Whether the order takes an optional upload of {@code kind} now: a renewal or change on its
   * confirmation (确认订单, {@code VERIFIED}), the last step before it goes to payment and review.
   */
  public static boolean takesOptionalUpload(Order order, MaterialKind kind) {
    return order.status() == OrderStatus.VERIFIED
        && MaterialKind.optionalFor(order.businessType()).contains(kind);
  }

  /** What became of an upload: the check, and the stored material when it was accepted. */
  public record Upload(UploadCheck check, Optional<Material> material) {}

  /**
   * Checks and, when accepted, stores {@code content} as the order's current {@code kind},
   * replacing the one before (which stays in the history). Reads at most one byte more than the
   * size limit.
   *
   * @throws OrderNotFoundException if there is no such order
   * @throws MaterialsNotAcceptedException if the order takes no such upload now
   * @throws IOException if reading {@code content} fails
   */
  public Upload upload(String orderId, MaterialKind kind, InputStream content) throws IOException {
    Order order = uploadableOrder(orderId, kind);
    long limit = rules.limits().maxBytes();
    byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
    UploadCheck check = rules.check(bytes);
    if (!check.isAccepted()) {
      return new Upload(check, Optional.empty());
    }
    String sha256 = store.put(bytes);
    Material material =
        transactions.inTransaction(
            () -> {
              Order current = uploadableOrder(order.id(), kind);
              int version =
                  materials.history(current.id()).stream()
                          .filter(m -> m.kind() == kind)
                          .mapToInt(Material::version)
                          .max()
                          .orElse(0)
                      + 1;
              ContentInspector.Measured measured = check.measured();
              Material stored =
                  new Material(
                      current.id(),
                      kind,
                      version,
                      sha256,
                      bytes.length,
                      measured.type(),
                      measured.width(),
                      measured.height(),
                      measured.pages(),
                      check.flags(),
                      now());
              materials.insert(stored);
              return stored;
            });
    return new Upload(check, Optional.of(material));
  }

  /** The current material of each kind the order has. */
  public List<Material> current(String orderId) {
    return transactions.inTransaction(() -> materials.current(orderId));
  }

  /** Every upload of the order, replaced ones included. */
  public List<Material> history(String orderId) {
    return transactions.inTransaction(() -> materials.history(orderId));
  }

  /** The kinds the order still needs. */
  public Set<MaterialKind> missing(String orderId) {
    return transactions.inTransaction(
        () -> {
          Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
          return missing(order);
        });
  }

  /**
   * Completes the materials step: the order moves to {@code MATERIALS_UPLOADED}.
   *
   * @throws MissingMaterialsException if a required material is not uploaded
   * @throws cn.certhall.domain.order.MoveNotAllowedException if the order is not at that step
   */
  public Order complete(String orderId) {
    return transactions.inTransaction(
        () -> {
          Set<MaterialKind> missing = missing(orderId);
          if (!missing.isEmpty()) {
            throw new MissingMaterialsException(orderId, missing);
          }
          return orderService.move(orderId, OrderStatus.MATERIALS_UPLOADED, UPLOADED_NOTE);
        });
  }

  /** The bytes of a stored material (for the reviewer, the application form's hashes). */
  public Optional<InputStream> open(Material material) {
    return store.open(material.sha256());
  }

  private Set<MaterialKind> missing(Order order) {
    Set<MaterialKind> missing = EnumSet.noneOf(MaterialKind.class);
    missing.addAll(MaterialKind.requiredFor(order.businessType()));
    materials.current(order.id()).forEach(m -> missing.remove(m.kind()));
    return missing;
  }

  private Order uploadableOrder(String orderId, MaterialKind kind) {
    Order order =
        transactions.inTransaction(
            () -> orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)));
    boolean required =
        UPLOAD_STATES.contains(order.status())
            && MaterialKind.requiredFor(order.businessType()).contains(kind);
    if (!required && !takesOptionalUpload(order, kind)) {
      throw new MaterialsNotAcceptedException(orderId, order.status(), kind);
    }
    return order;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
