package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.ApplicantId;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders in three tables (V3__orders.sql): {@code orders} with the application as columns, {@code
 * order_status_change} with the history, and {@code open_order}, whose primary key lets an ID
 * number hold one unfinished order per business type.
 *
 * <p>Each method is atomic on its own and joins the caller's transaction when there is one. The
 * databases quote offending values in their errors, and most values here are personal: the domain
 * has checked presence and length before a value arrives, and the one expected failure, a taken
 * open_order key, becomes an {@link UnfinishedOrderExistsException} without the database's
 * exception as its cause.
 */
public final class JdbcOrderRepository implements OrderRepository {
  private static final List<String> APPLICATION_COLUMNS =
      List.of(
          "organization_name",
          "credit_code",
          "legal_rep_name",
          "legal_rep_id_number",
          "handler_name",
          "handler_id_type",
          "handler_id_number",
          "handler_mobile",
          "handler_email",
          "admin_name",
          "admin_id_type",
          "admin_id_number",
          "admin_mobile",
          "enterprise_method",
          "ent_account_name",
          "ent_account_number",
          "ent_bank",
          "ent_card_number",
          "ent_mobile",
          "admin_method",
          "admin_card_number",
          "admin_card_mobile");

  /** Another start can take and release the slot between our attempt and our look at it. */
  private static final int CLAIM_ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate atomic;
  private final TransactionTemplate savepoint;

  public JdbcOrderRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.atomic = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public void insert(Order order) {
    List<Object> values = new ArrayList<>();
    Collections.addAll(
        values,
        order.id(),
        order.businessType().name(),
        order.channelId(),
        order.applicant().type().name(),
        order.applicant().number(),
        order.status().name(),
        order.version(),
        utc(order.createdAt()),
        utc(order.updatedAt()));
    values.addAll(applicationValues(order.application()));
    atomic.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "INSERT INTO orders (id, business_type, channel_id, applicant_id_type,"
                      + " applicant_id_number, status, version, created_at, updated_at, "
                      + String.join(", ", APPLICATION_COLUMNS)
                      + ") VALUES ("
                      + "?, ".repeat(values.size() - 1)
                      + "?)")
              .params(values)
              .update();
          insertHistory(order, 0);
          if (!order.isFinished()) {
            claimOpenSlot(order);
          }
        });
  }

  /**
   * Inserts the open_order row of a new order, or throws naming the order that holds it. The insert
   * runs in a savepoint because PostgreSQL refuses every statement of a transaction after a failed
   * one, and the holder still has to be read.
   */
  private void claimOpenSlot(Order order) {
    for (int attempt = 1; ; attempt++) {
      try {
        savepoint.executeWithoutResult(
            status ->
                jdbc.sql(
                        "INSERT INTO open_order (id_number, business_type, order_id) VALUES (?, ?,"
                            + " ?)")
                    .params(order.applicant().number(), order.businessType().name(), order.id())
                    .update());
        return;
      } catch (DuplicateKeyException taken) {
        Optional<String> holder =
            jdbc.sql("SELECT order_id FROM open_order WHERE id_number = ? AND business_type = ?")
                .params(order.applicant().number(), order.businessType().name())
                .query(String.class)
                .optional();
        if (holder.isPresent()) {
          throw new UnfinishedOrderExistsException(holder.get(), order.businessType());
        }
        if (attempt == CLAIM_ATTEMPTS) {
          throw new IllegalStateException(
              "the open order slot of order " + order.id() + " kept changing hands");
        }
      }
    }
  }

  @Override
  public void update(Order order, long expectedVersion) {
    List<Object> values = new ArrayList<>();
    Collections.addAll(values, order.status().name(), order.version(), utc(order.updatedAt()));
    values.addAll(applicationValues(order.application()));
    Collections.addAll(values, order.id(), expectedVersion);
    atomic.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql(
                      "UPDATE orders SET status = ?, version = ?, updated_at = ?, "
                          + String.join(" = ?, ", APPLICATION_COLUMNS)
                          + " = ? WHERE id = ? AND version = ?")
                  .params(values)
                  .update();
          if (updated == 0) {
            throw new ConcurrentOrderChangeException(order.id(), expectedVersion);
          }
          // the update locks the row: no one else adds lines until this transaction ends
          int stored =
              jdbc.sql("SELECT COUNT(*) FROM order_status_change WHERE order_id = ?")
                  .param(order.id())
                  .query(Integer.class)
                  .single();
          insertHistory(order, stored);
          if (order.isFinished()) {
            jdbc.sql("DELETE FROM open_order WHERE order_id = ?").param(order.id()).update();
          }
        });
  }

  private static List<Object> applicationValues(UnitApplication a) {
    EnterpriseVerificationDetails ev = a.enterpriseVerification();
    AdministratorVerificationDetails av = a.administratorVerification();
    return Arrays.asList(
        a.organizationName(),
        a.creditCode(),
        a.legalRepresentative().name(),
        a.legalRepresentative().idNumber(),
        a.handler().name(),
        a.handler().idType().name(),
        a.handler().idNumber(),
        a.handler().mobile(),
        a.handler().email(),
        a.administrator().name(),
        a.administrator().idType().name(),
        a.administrator().idNumber(),
        a.administrator().mobile(),
        ev.method().name(),
        ev.accountName(),
        ev.accountNumber(),
        ev.bank(),
        ev.cardNumber(),
        ev.mobile(),
        av.method().name(),
        av.cardNumber(),
        av.reservedMobile());
  }

  /**
   * Between a history note's arguments in {@code note_args}: arguments hold no control character.
   */
  private static final String ARGUMENT_SEPARATOR = "\u001f";

  /** A stored line's note: its key and arguments, or the text of a line from before keys. */
  private static HistoryNote note(String key, String args, String legacyText) {
    if (key != null) {
      return new HistoryNote(
          key,
          args == null || args.isEmpty() ? List.of() : List.of(args.split(ARGUMENT_SEPARATOR, -1)));
    }
    return legacyText == null ? null : HistoryNote.text(legacyText);
  }

  private void insertHistory(Order order, int stored) {
    List<StatusChange> history = order.history();
    for (int line = stored + 1; line <= history.size(); line++) {
      StatusChange change = history.get(line - 1);
      jdbc.sql(
              "INSERT INTO order_status_change"
                  + " (order_id, line, changed_at, from_status, to_status, note_key, note_args)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              order.id(),
              line,
              utc(change.at()),
              change.from() == null ? null : change.from().name(),
              change.to().name(),
              change.note() == null ? null : change.note().key(),
              change.note() == null ? null : String.join(ARGUMENT_SEPARATOR, change.note().args()))
          .update();
    }
  }

  @Override
  public Optional<Order> find(String orderId) {
    return select("o.id = ?", orderId).stream().findFirst();
  }

  @Override
  public OrderList list(String idNumber) {
    return split(select("o.applicant_id_number = ?", idNumber));
  }

  @Override
  public OrderList list(String idNumber, BusinessType businessType) {
    return split(
        select("o.applicant_id_number = ? AND o.business_type = ?", idNumber, businessType.name()));
  }

  private static OrderList split(List<Order> orders) {
    List<Order> unfinished = new ArrayList<>();
    List<Order> finished = new ArrayList<>();
    for (Order order : orders) {
      (order.isFinished() ? finished : unfinished).add(order);
    }
    return new OrderList(unfinished, finished);
  }

  /**
   * Orders matching {@code where} (on alias o), newest first, each with its whole history. One
   * statement, so one snapshot: a status and its history are never read across a change.
   */
  private List<Order> select(String where, Object... params) {
    Map<String, Stored> orders = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT o.*, h.changed_at, h.from_status, h.to_status, h.note, h.note_key, h.note_args"
                + " FROM orders o"
                + " JOIN order_status_change h ON h.order_id = o.id WHERE "
                + where
                + " ORDER BY o.created_at DESC, o.id, h.line")
        .params(params)
        .query(
            (RowCallbackHandler)
                rs -> {
                  Stored order = orders.get(rs.getString("id"));
                  if (order == null) {
                    order = stored(rs);
                    orders.put(order.id(), order);
                  }
                  order
                      .history()
                      .add(
                          new StatusChange(
                              instant(rs, "changed_at"),
                              status(rs.getString("from_status")),
                              status(rs.getString("to_status")),
                              note(
                                  rs.getString("note_key"),
                                  rs.getString("note_args"),
                                  rs.getString("note"))));
                });
    return orders.values().stream().map(Stored::order).toList();
  }

  /** An order row, to which the following rows add the history lines. */
  private record Stored(
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
    Order order() {
      return Order.restore(
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
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(
        rs.getString("id"),
        BusinessType.valueOf(rs.getString("business_type")),
        rs.getString("channel_id"),
        new ApplicantId(
            IdType.valueOf(rs.getString("applicant_id_type")), rs.getString("applicant_id_number")),
        new UnitApplication(
            rs.getString("organization_name"),
            rs.getString("credit_code"),
            new UnitApplication.LegalRepresentative(
                rs.getString("legal_rep_name"), rs.getString("legal_rep_id_number")),
            new UnitApplication.Handler(
                rs.getString("handler_name"),
                IdType.valueOf(rs.getString("handler_id_type")),
                rs.getString("handler_id_number"),
                rs.getString("handler_mobile"),
                rs.getString("handler_email")),
            new UnitApplication.Administrator(
                rs.getString("admin_name"),
                IdType.valueOf(rs.getString("admin_id_type")),
                rs.getString("admin_id_number"),
                rs.getString("admin_mobile")),
            new EnterpriseVerificationDetails(
                EnterpriseMethod.valueOf(rs.getString("enterprise_method")),
                rs.getString("ent_account_name"),
                rs.getString("ent_account_number"),
                rs.getString("ent_bank"),
                rs.getString("ent_card_number"),
                rs.getString("ent_mobile")),
            new AdministratorVerificationDetails(
                AdministratorMethod.valueOf(rs.getString("admin_method")),
                rs.getString("admin_card_number"),
                rs.getString("admin_card_mobile"))),
        status(rs.getString("status")),
        rs.getLong("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        new ArrayList<>());
  }

  private static OrderStatus status(String name) {
    return name == null ? null : OrderStatus.valueOf(name);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
